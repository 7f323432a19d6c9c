import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '#libs/observability';
import { LabelDecisionUseCase } from '../decisions/label-decision/label-decision.use-case.js';
import { RulesetPostgresRepository } from '../infrastructure/persistence/ruleset.postgres-repository.js';
import type { Caller } from '../shared/caller.js';
import { androidDevice, assessAs, assessInput, MovableClock, riskContext, uniqueId, type RiskContext } from '../testing/risk-context.fixture.js';
import { ActiveRulesets } from './active-rulesets.js';
import { BacktestRulesetUseCase } from './backtest-ruleset/backtest-ruleset.use-case.js';
import { CreateRulesetUseCase } from './create-ruleset/create-ruleset.use-case.js';
import { PublishRulesetUseCase } from './publish-ruleset/publish-ruleset.use-case.js';
import { ShadowRulesetUseCase } from './shadow-ruleset/shadow-ruleset.use-case.js';
import type { RulesetDocument } from './ruleset.js';

const ANALYST: Caller = { subjectId: 'analyst-7', roles: ['risk_analyst'] };

const CANDIDATE: RulesetDocument = {
  description: 'Deny emulators outright',
  reviewThreshold: 40,
  denyThreshold: 80,
  rules: [
    { id: 'emulator_deny', reasonCode: 'DEVICE_EMULATOR', description: 'Emulators are denied.', expression: 'device.emulator', score: 90, outcome: 'DENY' },
    { id: 'rooted', reasonCode: 'DEVICE_ROOTED', description: 'Rooted phone.', expression: 'device.rooted', score: 10 },
  ],
};

/**
 * This spec moves the live and shadow slots of the shared database; every
 * other risk spec pins its rulesets, so none depends on them. It restores
 * version 1 as live when done.
 */
describe('ruleset drafts, shadow, backtest and publish', () => {
  let context: RiskContext;
  let active: ActiveRulesets;
  let repository: RulesetPostgresRepository;
  let create: CreateRulesetUseCase;
  // A private ten-minute window years ahead: backtests over it see only this spec's decisions.
  const windowStart = new Date(Date.UTC(2031, 0, 1) + randomInt(0, 300 * 24 * 60) * 60_000);

  beforeAll(async () => {
    context = await riskContext(inject('databaseUrl'), {
      clock: new MovableClock(windowStart),
      rulesets: (dataSource) => {
        repository = new RulesetPostgresRepository(dataSource);
        active = new ActiveRulesets(repository, 60_000, createLogger({ app: 'risk-test', level: 'silent' }));
        return active;
      },
    });
    await active.refresh();
    create = new CreateRulesetUseCase(repository);
  });
  afterAll(async () => {
    await new PublishRulesetUseCase(repository, active).execute(ANALYST, 1);
    await context.close();
  });

  async function audits(type: string, version: number): Promise<number> {
    const rows: unknown[] = await context.dataSource.query(
      `SELECT 1 FROM risk.outbox WHERE payload->>'type' = $1 AND (payload->'payload'->>'version')::int = $2`,
      [type, version],
    );
    return rows.length;
  }

  it('refuses invalid CEL at draft time, naming each bad rule', async () => {
    const bad: RulesetDocument = {
      ...CANDIDATE,
      rules: [
        CANDIDATE.rules[0]!,
        { id: 'syntax', reasonCode: 'X', description: 'x', expression: 'device.emulator &&', score: 1 },
        { id: 'unknown_feature', reasonCode: 'X', description: 'x', expression: 'device.is_emulator', score: 1 },
        { id: 'unknown_window', reasonCode: 'X', description: 'x', expression: "velocity.events_per_device['2h'] > 1", score: 1 },
        { id: 'not_bool', reasonCode: 'X', description: 'x', expression: 'velocity.events_per_device["1h"] + 1', score: 1 },
        { id: 'type_error', reasonCode: 'X', description: 'x', expression: 'device.platform > 3', score: 1 },
      ],
    };
    const error = await create.execute(ANALYST, bad, undefined).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'RULESET_INVALID' });
    const violations = (error as { violations: Array<{ field: string; code: string; message: string }> }).violations;
    expect(violations.map((violation) => [violation.field, violation.code])).toEqual([
      ['rules[1].expression', 'CEL_SYNTAX'],
      ['rules[2].expression', 'CEL_UNKNOWN_NAME'],
      ['rules[3].expression', 'CEL_UNKNOWN_NAME'],
      ['rules[4].expression', 'CEL_NOT_BOOLEAN'],
      ['rules[5].expression', 'CEL_TYPE'],
    ]);
    expect(violations[1]!.message).toContain("rule 'unknown_feature'");
    expect(violations[3]!.message).toContain('bool');
  });

  it('shadows a draft beside the live version, backtests it against labels, then publishes it', async () => {
    const draft = await create.execute(ANALYST, CANDIDATE, 1);
    expect(draft.state).toBe('DRAFT');
    expect(await audits('RULESET_CREATED', draft.version)).toBe(1);

    const shadowed = await new ShadowRulesetUseCase(repository, active).execute(ANALYST, draft.version);
    expect(shadowed.state).toBe('SHADOW');
    expect(await audits('RULESET_SHADOWED', draft.version)).toBe(1);
    expect(active.current().shadow?.version).toBe(draft.version);

    // Six decisions in the private window: three emulators, three ordinary phones.
    const ip = '10.99.0.1';
    const made = [];
    for (const emulator of [true, true, true, false, false, false]) {
      context.clock.advance(60_000);
      made.push(await assessAs(context, assessInput({ subjectId: uniqueId('bt'), device: androidDevice({ flags: { emulator } }), ip })));
    }
    // The shadow decides, is stored, and is not enforced.
    expect(made[0]!.live.outcome).toBe('REVIEW');
    expect(made[0]!.shadow).toMatchObject({ version: draft.version, outcome: 'DENY', ruleOutcomes: 'HN' });
    expect(made[3]!.live.outcome).toBe('ALLOW');

    const label = new LabelDecisionUseCase(context.decisions);
    await label.execute(ANALYST, made[0]!.id, 'FRAUD');
    await label.execute(ANALYST, made[1]!.id, 'FRAUD');
    await label.execute(ANALYST, made[2]!.id, 'LEGIT');
    await label.execute(ANALYST, made[3]!.id, 'FRAUD');

    const report = await new BacktestRulesetUseCase(active, context.decisions).execute(
      draft.version,
      windowStart,
      new Date(windowStart.getTime() + 10 * 60_000),
      0,
    );
    expect(report.evaluated).toBe(6);
    expect(report.changed).toBe(3);
    expect(report.transitions).toEqual([{ from: 'REVIEW', to: 'DENY', count: 3 }]);
    expect(report.candidateOutcomes).toEqual({ ALLOW: 3, REVIEW: 0, DENY: 3 });
    expect(report.recordedOutcomes).toEqual({ ALLOW: 3, REVIEW: 3, DENY: 0 });
    expect(report.labelled).toBe(4);
    expect(report.candidateMetrics).toEqual({ truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 0, precision: 0.6667, recall: 0.6667 });
    expect(report.ruleHits).toEqual([
      { ruleId: 'emulator_deny', hits: 3, errors: 0 },
      { ruleId: 'rooted', hits: 0, errors: 0 },
    ]);

    const published = await new PublishRulesetUseCase(repository, active).execute(ANALYST, draft.version);
    expect(published.state).toBe('LIVE');
    expect(await audits('RULESET_PUBLISHED', draft.version)).toBe(1);
    expect(active.current()).toMatchObject({ live: { version: draft.version }, shadow: undefined });
    context.clock.advance(60_000);
    const enforced = await assessAs(context, assessInput({ subjectId: uniqueId('bt'), device: androidDevice({ flags: { emulator: true } }), ip }));
    expect(enforced.live).toMatchObject({ version: draft.version, outcome: 'DENY' });
    expect(enforced.shadow).toBeUndefined();
    await expect(new ShadowRulesetUseCase(repository, active).execute(ANALYST, draft.version)).rejects.toMatchObject({ code: 'RULESET_ALREADY_LIVE' });
  });

  it('lets a second instance pick up a publish on its next refresh', async () => {
    const other = new ActiveRulesets(repository, 60_000, createLogger({ app: 'risk-test', level: 'silent' }));
    await other.refresh();
    const draft = await create.execute(ANALYST, { ...CANDIDATE, description: 'second' }, undefined);
    await new PublishRulesetUseCase(repository, active).execute(ANALYST, draft.version);
    expect(other.current().live.version).not.toBe(draft.version);
    await other.refresh();
    expect(other.current().live.version).toBe(draft.version);
  });

  it('reports a missing version', async () => {
    await expect(new PublishRulesetUseCase(repository, active).execute(ANALYST, 999_999)).rejects.toMatchObject({ code: 'RULESET_NOT_FOUND' });
  });
});
