import { OutboxDataAccessLog } from '#libs/audit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_RULESET } from '../rules/default-ruleset.js';
import type { Caller } from '../shared/caller.js';
import {
  androidDevice,
  assessAs,
  assessInput,
  compiled,
  PinnedRulesets,
  riskContext,
  testVault,
  uniqueId,
  type RiskContext,
} from '../testing/risk-context.fixture.js';
import { ExplainDecisionUseCase } from './explain-decision/explain-decision.use-case.js';
import { GetDecisionUseCase } from './get-decision/get-decision.use-case.js';
import { LabelDecisionUseCase } from './label-decision/label-decision.use-case.js';
import { ListDecisionsUseCase } from './list-decisions/list-decisions.use-case.js';

const ANALYST: Caller = { subjectId: 'analyst-3', roles: ['risk_analyst'] };

describe('decision log', () => {
  let context: RiskContext;
  let list: ListDecisionsUseCase;
  let get: GetDecisionUseCase;

  beforeAll(async () => {
    context = await riskContext(inject('databaseUrl'));
    list = new ListDecisionsUseCase(context.decisions);
    get = new GetDecisionUseCase(context.decisions, context.rulesets, testVault, new OutboxDataAccessLog(context.dataSource, 'risk'));
  });
  afterAll(async () => context.close());

  it('filters by subject, device, outcome, score, event type, rule and time, newest first with a cursor', async () => {
    const subjectId = uniqueId('subject');
    const device = androidDevice();
    const emulator = androidDevice({ flags: { emulator: true } });
    const start = new Date();
    const made = [];
    for (let index = 0; index < 5; index++) {
      context.clock.set(new Date(start.getTime() + index * 1000));
      made.push(
        await assessAs(
          context,
          assessInput({ subjectId, device: index === 4 ? emulator : device, eventType: index % 2 ? 'PAYMENT' : 'LOGIN', ip: '10.1.2.3' }),
        ),
      );
    }
    context.clock.set(new Date());

    const page1 = await list.execute({ subjectId }, 2, undefined);
    expect(page1.items.map((item) => item.id)).toEqual([made[4]!.id, made[3]!.id]);
    const page2 = await list.execute({ subjectId }, 2, page1.nextCursor);
    expect(page2.items.map((item) => item.id)).toEqual([made[2]!.id, made[1]!.id]);
    const page3 = await list.execute({ subjectId }, 2, page2.nextCursor);
    expect(page3.items.map((item) => item.id)).toEqual([made[0]!.id]);
    expect(page3.nextCursor).toBeUndefined();

    expect((await list.execute({ deviceId: made[0]!.device.deviceId }, 50, undefined)).items).toHaveLength(4);
    expect((await list.execute({ subjectId, outcome: 'REVIEW' }, 50, undefined)).items.map((item) => item.id)).toEqual([made[4]!.id]);
    expect((await list.execute({ subjectId, minScore: 40 }, 50, undefined)).items.map((item) => item.id)).toEqual([made[4]!.id]);
    expect((await list.execute({ subjectId, maxScore: 39 }, 50, undefined)).items).toHaveLength(4);
    expect((await list.execute({ subjectId, eventType: 'PAYMENT' }, 50, undefined)).items.map((item) => item.id)).toEqual([made[3]!.id, made[1]!.id]);
    expect((await list.execute({ subjectId, rule: 'device_emulator' }, 50, undefined)).items.map((item) => item.id)).toEqual([made[4]!.id]);
    const window = await list.execute({ subjectId, from: new Date(start.getTime() + 1000), to: new Date(start.getTime() + 3000) }, 50, undefined);
    expect(window.items.map((item) => item.id)).toEqual([made[2]!.id, made[1]!.id]);
    await expect(list.execute({ subjectId, from: start, to: start }, 50, undefined)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('explains a decision with its features, every rule result and masked personal data', async () => {
    const device = androidDevice({ flags: { emulator: true } });
    const decision = await assessAs(
      context,
      assessInput({
        subjectId: uniqueId('subject'),
        device,
        eventType: 'BIND_CARD',
        ip: '10.1.2.4',
        cardNumber: '6222021234567890128',
        phone: '13812345678',
        gps: { lat: 31.2304, lon: 121.4737 },
      }),
    );
    const detail = await get.execute(decision.id, ANALYST);
    expect(detail.decision!.decision).toBe('REVIEW');
    // The analyst's look is on record, naming the analyst and the decision, with no personal data.
    const [access] = await context.dataSource.query(
      `SELECT payload FROM risk.outbox WHERE topic = 'audit' AND payload->>'type' = 'DATA_ACCESSED' AND payload->'payload'->>'record_id' = $1`,
      [decision.id],
    );
    expect(access.payload).toMatchObject({ actor: { type: 'staff', id: ANALYST.subjectId }, payload: { view: 'decision_detail', record_id: decision.id } });
    expect(access.payload.subjectId).toBe(decision.subjectId);
    expect(detail.ruleResults).toHaveLength(DEFAULT_RULESET.rules.length);
    expect(detail.ruleResults.find((rule) => rule.ruleId === 'device_emulator')).toMatchObject({ result: 'HIT', reasonCode: 'DEVICE_EMULATOR' });
    expect(detail.ruleResults.find((rule) => rule.ruleId === 'card_testing')).toMatchObject({ result: 'NO_HIT' });
    expect(detail.explanation[0]).toMatch(/sent to manual review with a risk score of \d+ out of 100 under ruleset version 1/);
    expect(detail.explanation.join('\n')).toContain('running in an emulator');
    expect(detail.explanation.join('\n')).toContain('Observed: running in an emulator = yes');
    expect(JSON.parse(detail.featuresJson).device.emulator).toBe(true);
    expect(detail.masked).toMatchObject({ cardNumber: '622202*********0128', phone: '138****5678', gps: '31.23,121.47' });
    expect(detail.masked!.appInstanceId).toMatch(/^.{4}\*+.{2}$/);
    expect(JSON.stringify(detail)).not.toContain('6222021234567890128');
    expect(JSON.stringify(detail)).not.toContain(device.appInstanceId);

    // Nothing personal is stored in clear either.
    const [row]: Array<Record<string, unknown>> = await context.dataSource.query('SELECT * FROM risk.decisions WHERE id = $1', [decision.id]);
    const stored = JSON.stringify(row);
    for (const secret of ['6222021234567890128', '13812345678', device.appInstanceId!, device.androidId!, '31.2304']) expect(stored).not.toContain(secret);
  });

  it('records a rule that fails at run time as an error for that rule, not a failed request', async () => {
    const withBrokenRule = {
      ...DEFAULT_RULESET,
      rules: [
        ...DEFAULT_RULESET.rules,
        {
          id: 'burst_ratio',
          reasonCode: 'BURST_RATIO',
          description: 'Ratio of 5-minute to hourly events',
          expression: "velocity.events_per_device['5m'] / (velocity.events_per_device['1h'] - 1) > 2",
          score: 10,
        },
      ],
    };
    const rulesets = new PinnedRulesets({ live: compiled(1001, withBrokenRule), shadow: undefined });
    const broken = await (await import('../testing/risk-context.fixture.js')).riskContext(inject('databaseUrl'), { rulesets: () => rulesets });
    try {
      const decision = await assessAs(broken, assessInput({ subjectId: uniqueId('subject'), device: androidDevice() }));
      expect(decision.live.ruleOutcomes.at(-1)).toBe('E');
      expect(decision.live.ruleErrors).toEqual({ burst_ratio: expect.stringContaining('divide by zero') });
      expect(decision.live.outcome).toBe('ALLOW');
      const detail = await new GetDecisionUseCase(broken.decisions, rulesets, testVault, new OutboxDataAccessLog(broken.dataSource, 'risk')).execute(
        decision.id,
        ANALYST,
      );
      expect(detail.ruleResults.at(-1)).toMatchObject({ ruleId: 'burst_ratio', result: 'ERROR' });
      expect(detail.explanation.join('\n')).toContain("Rule 'burst_ratio' could not be evaluated");
    } finally {
      await broken.close();
    }
  });

  it('labels decisions (audited) and explains them only to their own subject', async () => {
    const subjectId = uniqueId('subject');
    const decision = await assessAs(context, assessInput({ subjectId, device: androidDevice({ flags: { emulator: true } }) }));
    const labelled = await new LabelDecisionUseCase(context.decisions).execute(ANALYST, decision.id, 'FRAUD');
    expect(labelled.label).toBe('FRAUD');
    await new LabelDecisionUseCase(context.decisions).execute(ANALYST, decision.id, 'LEGIT');
    const audits: Array<{ payload: { type: string; subjectId: string; payload: Record<string, unknown> } }> = await context.dataSource.query(
      `SELECT payload FROM risk.outbox WHERE payload->>'type' = 'DECISION_LABELLED' AND payload->'payload'->>'decision_id' = $1 ORDER BY id`,
      [decision.id],
    );
    expect(audits.map((audit) => [audit.payload.payload['label'], audit.payload.payload['previous_label']])).toEqual([
      ['FRAUD', null],
      ['LEGIT', 'FRAUD'],
    ]);
    expect(audits[0]!.payload.subjectId).toBe(subjectId);

    const explain = new ExplainDecisionUseCase(context.decisions, context.reviews, context.clock);
    const mine = await explain.execute({ decisionId: decision.id, subjectId, requestHumanReview: false });
    expect(mine.decision).toBe('REVIEW');
    expect(mine.explanation.join('\n')).toContain('running in an emulator');
    expect(mine.review).toBeUndefined();
    await expect(explain.execute({ decisionId: decision.id, subjectId: 'someone-else', requestHumanReview: false })).rejects.toMatchObject({
      code: 'DECISION_NOT_FOUND',
    });
    await expect(get.execute('018f0000-0000-7000-8000-000000000000', ANALYST)).rejects.toMatchObject({ code: 'DECISION_NOT_FOUND' });
  });
});
