import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RISK_CLIENT, type RiskClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { toCallerMessage } from '../risk-caller.js';
import { BacktestDto, BacktestView, CreateRulesetDto, RulesetPageView, RulesetsQueryDto, RulesetView, VersionParam } from './ruleset.dto.js';
import { toBacktestView, toRulesetView } from './ruleset.mapper.js';

// A backtest replays up to a million stored decisions; it gets more than the default deadline.
const BACKTEST_TIMEOUT_MS = 120_000;

@ApiTags('analysts')
@ApiBearerAuth()
@Roles('risk_analyst')
@Controller('v1/analyst/rulesets')
export class RulesetsHttpController {
  constructor(@Inject(RISK_CLIENT) private readonly risk: RiskClient) {}

  @Get()
  @ApiOkResponse({ type: RulesetPageView, description: 'Versions, newest first.' })
  async list(@Query() query: RulesetsQueryDto): Promise<RulesetPageView> {
    const page = await this.risk.listRulesets({ limit: query.limit ?? 0, cursor: query.cursor });
    return { items: page.items.map(toRulesetView), next_cursor: page.nextCursor ?? null };
  }

  @Get(':version')
  @ApiOkResponse({ type: RulesetView })
  async get(@Param() params: VersionParam): Promise<RulesetView> {
    const { ruleset } = await this.risk.getRuleset({ version: Number(params.version) });
    return toRulesetView(ruleset!);
  }

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: RulesetView, description: 'A draft. 400 RULESET_INVALID names each rule whose CEL does not compile.' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateRulesetDto): Promise<RulesetView> {
    const { ruleset } = await this.risk.createRuleset({
      caller: toCallerMessage(caller),
      description: body.description,
      reviewThreshold: body.review_threshold,
      denyThreshold: body.deny_threshold,
      basedOn: body.based_on,
      rules: body.rules.map((rule) => ({
        id: rule.id,
        reasonCode: rule.reason_code,
        description: rule.description,
        expression: rule.expression,
        score: rule.score,
        outcome: rule.outcome,
      })),
    });
    return toRulesetView(ruleset!);
  }

  @Post(':version/publish')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: RulesetView, description: 'Live on every instance within seconds. Audited.' })
  async publish(@CurrentCaller() caller: Caller, @Param() params: VersionParam): Promise<RulesetView> {
    const { ruleset } = await this.risk.publishRuleset({ caller: toCallerMessage(caller), version: Number(params.version) });
    return toRulesetView(ruleset!);
  }

  @Post(':version/shadow')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: RulesetView, description: 'Evaluated on live traffic beside the live version and logged, never enforced. Audited.' })
  async shadow(@CurrentCaller() caller: Caller, @Param() params: VersionParam): Promise<RulesetView> {
    const { ruleset } = await this.risk.shadowRuleset({ caller: toCallerMessage(caller), version: Number(params.version) });
    return toRulesetView(ruleset!);
  }

  @Post(':version/backtest')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: BacktestView, description: 'How outcomes over stored decisions would change, with precision and recall against analyst labels.' })
  async backtest(@CurrentCaller() caller: Caller, @Param() params: VersionParam, @Body() body: BacktestDto): Promise<BacktestView> {
    const report = await this.risk.backtestRuleset(
      { caller: toCallerMessage(caller), version: Number(params.version), from: body.from, to: body.to, maxDecisions: body.max_decisions ?? 0 },
      { timeoutMs: BACKTEST_TIMEOUT_MS },
    );
    return toBacktestView(report);
  }
}
