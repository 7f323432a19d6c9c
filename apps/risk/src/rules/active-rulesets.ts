import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { LOGGER, type Logger } from '#libs/observability';
import { compileRuleset, type CompiledRuleset } from './compiled-ruleset.js';
import { RulesetRepository } from './ruleset.repository.js';

export const RULESET_REFRESH_MS = Symbol('RulesetRefreshMs');

export interface ActiveSet {
  live: CompiledRuleset;
  shadow: CompiledRuleset | undefined;
}

const CACHE_LIMIT = 64;

/**
 * The live and shadow rulesets this instance enforces. Each instance polls
 * the slots (one tiny query per interval), so a publish reaches every
 * instance within one interval without any cross-instance messaging.
 * Compiled versions are cached: versions never change once stored.
 */
@Injectable()
export class ActiveRulesets implements OnModuleInit, OnApplicationShutdown {
  private active: ActiveSet | undefined;
  private readonly compiled = new Map<number, CompiledRuleset>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rulesets: RulesetRepository,
    @Inject(RULESET_REFRESH_MS) private readonly refreshMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'Rulesets not loaded yet; retrying'));
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'Ruleset refresh failed; keeping the current versions'));
    }, this.refreshMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** What to evaluate now. RULESETS_UNAVAILABLE (503) until the first load succeeds. */
  current(): ActiveSet {
    if (!this.active) throw new DomainError('RULESETS_UNAVAILABLE', 'Rulesets are not loaded yet; retry shortly');
    return this.active;
  }

  async refresh(): Promise<ActiveSet | undefined> {
    const slots = await this.rulesets.slots();
    const live = slots.live !== undefined ? await this.version(slots.live) : undefined;
    const shadow = slots.shadow !== undefined ? await this.version(slots.shadow) : undefined;
    if (live) {
      if (this.active?.live.version !== live.version || this.active.shadow?.version !== shadow?.version) {
        this.logger.info({ live: live.version, shadow: shadow?.version }, 'Rulesets in force');
      }
      this.active = { live, shadow };
    }
    return this.active;
  }

  /** A compiled version, for evaluation, explanations and backtests. */
  async version(version: number): Promise<CompiledRuleset | undefined> {
    const cached = this.compiled.get(version);
    if (cached) return cached;
    const stored = await this.rulesets.findByVersion(version);
    if (!stored) return undefined;
    const compilation = compileRuleset(stored.version, stored);
    if (!compilation.ok) {
      // Stored versions were valid when created; this means the feature vocabulary lost a name they use.
      this.logger.error({ version, problems: compilation.violations.map((violation) => violation.message) }, 'Stored ruleset no longer compiles');
      return undefined;
    }
    if (this.compiled.size >= CACHE_LIMIT) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(version, compilation.ruleset);
    return compilation.ruleset;
  }
}
