import { randomBytes, randomUUID } from 'node:crypto';
import { createDataSource, dataSourceSettingsFrom } from '#libs/db';
import { createLogger } from '#libs/observability';
import { createPiiVault, type PiiVault } from '#libs/pii';
import type { DataSource } from 'typeorm';
import { AssessUseCase, type AssessInput } from '../assessment/assess/assess.use-case.js';
import type { NewDecision } from '../assessment/assessment-ledger.js';
import type { DeviceSignals } from '../assessment/signals/device-signals.js';
import { DecisionPostgresRepository } from '../infrastructure/persistence/decision.postgres-repository.js';
import { DecisionReviewPostgresRepository } from '../infrastructure/persistence/decision-review.postgres-repository.js';
import { PostgresAssessmentLedger, type LedgerOptions } from '../infrastructure/persistence/ledger/postgres-assessment-ledger.js';
import { ListEntryPostgresRepository } from '../infrastructure/persistence/list-entry.postgres-repository.js';
import { createLedgerPool } from '../infrastructure/persistence/ledger/ledger-pool.js';
import { riskDataSource } from '../infrastructure/persistence/risk.data-source.js';
import { RulesetPostgresRepository } from '../infrastructure/persistence/ruleset.postgres-repository.js';
import { GeoIpLocator } from '../infrastructure/adapters/geoip-locator.js';
import { ActiveRulesets, type ActiveSet } from '../rules/active-rulesets.js';
import { compileRuleset, type CompiledRuleset } from '../rules/compiled-ruleset.js';
import { DEFAULT_RULESET } from '../rules/default-ruleset.js';
import type { RulesetDocument } from '../rules/ruleset.js';
import type { Caller } from '../shared/caller.js';
import { Clock } from '../shared/clock.js';
import '../risk.errors.js';

/** A clock tests move by hand, to put events inside or outside a window. */
export class MovableClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** ActiveRulesets pinned to given rulesets, so a spec never depends on which version another spec published. */
export class PinnedRulesets extends ActiveRulesets {
  constructor(private pinned: ActiveSet) {
    super(undefined as never, 60_000, createLogger({ app: 'risk-test', level: 'silent' }));
  }

  override current(): ActiveSet {
    return this.pinned;
  }

  override async version(version: number): Promise<CompiledRuleset | undefined> {
    return [this.pinned.live, this.pinned.shadow].find((ruleset) => ruleset?.version === version);
  }

  pin(pinned: ActiveSet): void {
    this.pinned = pinned;
  }
}

export function compiled(version: number, document: RulesetDocument): CompiledRuleset {
  const result = compileRuleset(version, document);
  if (!result.ok) throw new Error(`ruleset does not compile: ${result.violations.map((violation) => violation.message).join('; ')}`);
  return result.ruleset;
}

export const testVault: PiiVault = createPiiVault({
  encryptionKeys: { 'test-1': randomBytes(32).toString('base64') },
  currentKeyId: 'test-1',
  blindIndexKey: randomBytes(32).toString('base64'),
});

let geolocator: GeoIpLocator | undefined;
/** The GeoIP databases take a moment to load; share one reader. */
export function sharedGeolocator(): GeoIpLocator {
  return (geolocator ??= new GeoIpLocator());
}

export function openRiskDataSource(url: string, poolSize = 6): DataSource {
  return createDataSource(
    dataSourceSettingsFrom({ DATABASE_URL: url, DB_POOL_SIZE: poolSize, DB_CONNECT_TIMEOUT_MS: 5000, DB_STATEMENT_TIMEOUT_MS: 30_000 }, riskDataSource),
  );
}

export interface RiskContext {
  dataSource: DataSource;
  clock: MovableClock;
  rulesets: ActiveRulesets;
  assess: AssessUseCase;
  decisions: DecisionPostgresRepository;
  reviews: DecisionReviewPostgresRepository;
  lists: ListEntryPostgresRepository;
  rulesetRepository: RulesetPostgresRepository;
  close(): Promise<void>;
}

/** One "risk instance": its own data source and ledger on the shared test database. */
export interface RiskContextOptions extends Partial<LedgerOptions> {
  clock?: MovableClock;
  vault?: PiiVault;
  /** Defaults to the default ruleset pinned as version 1; pass real ActiveRulesets to follow the slots. */
  rulesets?: (dataSource: DataSource) => ActiveRulesets;
}

export async function riskContext(url: string, options: RiskContextOptions = {}): Promise<RiskContext> {
  const dataSource = await openRiskDataSource(url).initialize();
  const clock = options.clock ?? new MovableClock();
  const rulesets = options.rulesets?.(dataSource) ?? new PinnedRulesets({ live: compiled(1, DEFAULT_RULESET), shadow: undefined });
  const concurrency = options.concurrency ?? 3;
  const ledger = new PostgresAssessmentLedger(
    createLedgerPool({ url, connections: concurrency, statementTimeoutMs: 30_000, connectTimeoutMs: 5000 }),
    { maxBatchSize: options.maxBatchSize ?? 64, concurrency, scanLimit: options.scanLimit ?? 10_000 },
    createLogger({ app: 'risk-test', level: 'silent' }),
  );
  const vault = options.vault ?? testVault;
  return {
    dataSource,
    clock,
    rulesets,
    assess: new AssessUseCase(ledger, rulesets, sharedGeolocator(), vault, clock),
    decisions: new DecisionPostgresRepository(dataSource),
    reviews: new DecisionReviewPostgresRepository(dataSource),
    lists: new ListEntryPostgresRepository(dataSource),
    rulesetRepository: new RulesetPostgresRepository(dataSource),
    close: async () => {
      await ledger.onApplicationShutdown();
      await dataSource.destroy();
    },
  };
}

/** Unique per run: the database is shared by every spec and never truncated. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

export function androidDevice(overrides: Partial<DeviceSignals> = {}): DeviceSignals {
  return {
    platform: 'android',
    appInstanceId: randomUUID(),
    androidId: randomBytes(8).toString('hex'),
    manufacturer: 'Xiaomi',
    model: '23049RAD8C',
    osVersion: '14',
    appVersion: '8.2.1',
    screen: { width: 1220, height: 2712, density: 3 },
    carrier: '中国移动',
    networkType: '5g',
    timezone: 'Asia/Shanghai',
    language: 'zh-CN',
    flags: {},
    riskyApps: [],
    extra: {},
    ...overrides,
  };
}

export const SERVICE_CALLER: Caller = { subjectId: 'identity', roles: ['service'] };

export function assessInput(overrides: Partial<AssessInput> & { subjectId: string; device: DeviceSignals }): AssessInput {
  return { eventType: 'LOGIN', ip: '120.24.78.68', ...overrides };
}

export async function assessAs(context: RiskContext, input: AssessInput): Promise<NewDecision> {
  return context.assess.execute(SERVICE_CALLER, input);
}
