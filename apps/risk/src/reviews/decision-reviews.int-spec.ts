import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ExplainDecisionUseCase } from '../decisions/explain-decision/explain-decision.use-case.js';
import type { Caller } from '../shared/caller.js';
import { androidDevice, assessAs, assessInput, riskContext, uniqueId, type RiskContext } from '../testing/risk-context.fixture.js';
import type { DecisionReview } from './decision-review.js';
import { ListDecisionReviewsUseCase } from './list-decision-reviews/list-decision-reviews.use-case.js';
import { ResolveDecisionReviewUseCase } from './resolve-decision-review/resolve-decision-review.use-case.js';

const ANALYST: Caller = { subjectId: 'analyst-9', roles: ['risk_analyst'] };

interface AuditCopy {
  type: string;
  actor: { type: string; id: string };
  subjectId: string;
  payload: Record<string, unknown>;
}

/** Human review of automated decisions (PIPL art. 24(3)), from the subject's request to the analyst's resolution. */
describe('human review of decisions', () => {
  let context: RiskContext;
  let explain: ExplainDecisionUseCase;
  let queue: ListDecisionReviewsUseCase;
  let resolve: ResolveDecisionReviewUseCase;

  beforeAll(async () => {
    context = await riskContext(inject('databaseUrl'));
    explain = new ExplainDecisionUseCase(context.decisions, context.reviews, context.clock);
    queue = new ListDecisionReviewsUseCase(context.reviews);
    resolve = new ResolveDecisionReviewUseCase(context.reviews, context.clock);
  });
  afterAll(async () => context.close());

  const audits = async (reviewId: string): Promise<AuditCopy[]> =>
    (
      (await context.dataSource.query(`SELECT payload FROM risk.outbox WHERE topic = 'audit' AND payload->'payload'->>'review_id' = $1 ORDER BY id`, [
        reviewId,
      ])) as Array<{ payload: AuditCopy }>
    ).map((row) => row.payload);
  const reviewRows = async (decisionId: string) =>
    (await context.dataSource.query('SELECT id, status FROM risk.decision_reviews WHERE decision_id = $1', [decisionId])) as Array<{ id: string }>;
  /** Every page of the queue (the database is shared: other specs' reviews are in it too). */
  async function wholeQueue(status: 'OPEN' | 'RESOLVED' | undefined): Promise<DecisionReview[]> {
    const items: DecisionReview[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue.execute(status, 2, cursor);
      expect(page.items.length).toBeLessThanOrEqual(2);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it('puts a review in the analysts’ queue once per data request, audited, and refuses anyone else’s decision', async () => {
    const subjectId = uniqueId('user');
    const decision = await assessAs(context, assessInput({ subjectId, device: androidDevice({ flags: { emulator: true } }) }));
    const requestId = randomUUID();
    const first = await explain.execute({ decisionId: decision.id, subjectId, requestHumanReview: true, requestId });
    expect(first).toMatchObject({ decisionId: decision.id, decision: 'REVIEW' });
    // Plain sentences per reason, and the right to ask a person.
    expect(first.explanation[0]).toBe('An automated risk check sent to manual review this request.');
    expect(first.explanation.join('\n')).toContain('emulator');
    expect(first.explanation.at(-1)).toContain('reviewed by a person');
    expect(first.review).toEqual({
      id: expect.any(String),
      decisionId: decision.id,
      status: 'OPEN',
      requestedAt: context.clock.now().toISOString(),
      resolvedAt: undefined,
      resolvedBy: undefined,
      outcome: undefined,
      note: undefined,
    });

    // A retried data request gets the same case, not a second one, and no second audit entry.
    const again = await explain.execute({ decisionId: decision.id, subjectId, requestHumanReview: true, requestId });
    expect(again.review).toEqual(first.review);
    expect(await reviewRows(decision.id)).toHaveLength(1);
    const [requested, ...others] = await audits(first.review!.id);
    expect(others).toEqual([]);
    expect(requested).toEqual({
      type: 'DECISION_REVIEW_REQUESTED',
      actor: { type: 'user', id: subjectId },
      subjectId,
      payload: { review_id: first.review!.id, decision_id: decision.id, data_request_id: requestId, decision: 'REVIEW' },
      occurredAt: first.review!.requestedAt,
    });

    // Without a review request, the subject sees where their case stands.
    expect((await explain.execute({ decisionId: decision.id, subjectId, requestHumanReview: false })).review).toEqual(first.review);

    const other = await assessAs(context, assessInput({ subjectId, device: androidDevice() }));
    await expect(explain.execute({ decisionId: other.id, subjectId, requestHumanReview: true, requestId })).rejects.toMatchObject({
      code: 'REVIEW_REQUEST_CONFLICT',
    });
    await expect(explain.execute({ decisionId: other.id, subjectId, requestHumanReview: true })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      explain.execute({ decisionId: decision.id, subjectId: uniqueId('user'), requestHumanReview: true, requestId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'DECISION_NOT_FOUND' });
    expect(await reviewRows(other.id)).toEqual([]);
    expect(await reviewRows(decision.id)).toHaveLength(1);
  });

  it('lists the queue oldest first with a cursor, resolves a review once (audited, the note kept out of the log)', async () => {
    const subjectId = uniqueId('user');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      context.clock.advance(1000);
      const decision = await assessAs(context, assessInput({ subjectId, device: androidDevice() }));
      ids.push((await explain.execute({ decisionId: decision.id, subjectId, requestHumanReview: true, requestId: randomUUID() })).review!.id);
    }
    const open = (await wholeQueue('OPEN')).map((review) => review.id);
    expect(open.filter((id) => ids.includes(id))).toEqual(ids);

    const resolved = await resolve.execute(ANALYST, ids[1]!, 'OVERTURNED', 'Device was a shared family phone; the customer explained it.');
    expect(resolved).toMatchObject({
      id: ids[1],
      status: 'RESOLVED',
      outcome: 'OVERTURNED',
      resolvedBy: 'analyst-9',
      resolvedAt: context.clock.now(),
      note: 'Device was a shared family phone; the customer explained it.',
    });
    expect((await wholeQueue('OPEN')).map((review) => review.id).filter((id) => ids.includes(id))).toEqual([ids[0], ids[2]]);
    expect((await wholeQueue('RESOLVED')).map((review) => review.id)).toContain(ids[1]);
    expect((await wholeQueue(undefined)).map((review) => review.id).filter((id) => ids.includes(id))).toEqual(ids);
    const [, resolvedEntry] = await audits(ids[1]!);
    expect(resolvedEntry).toEqual({
      type: 'DECISION_REVIEW_RESOLVED',
      actor: { type: 'staff', id: 'analyst-9' },
      subjectId,
      payload: { review_id: ids[1], decision_id: resolved.decisionId, outcome: 'OVERTURNED' },
      occurredAt: expect.any(String),
    });

    // The subject's next explanation carries the outcome.
    const seen = await explain.execute({ decisionId: resolved.decisionId, subjectId, requestHumanReview: false });
    expect(seen.review).toMatchObject({ status: 'RESOLVED', outcome: 'OVERTURNED' });

    await expect(resolve.execute(ANALYST, ids[1]!, 'UPHELD', 'second thoughts')).rejects.toMatchObject({ code: 'REVIEW_ALREADY_RESOLVED' });
    await expect(resolve.execute(ANALYST, randomUUID(), 'UPHELD', 'no such case')).rejects.toMatchObject({ code: 'REVIEW_NOT_FOUND' });
    await expect(resolve.execute(ANALYST, ids[0]!, 'UPHELD', 'customer called from 13812345678')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      violations: [expect.objectContaining({ field: 'note', code: 'CONTAINS_PERSONAL_DATA' })],
    });
    await expect(queue.execute('OPEN', 10, 'not-a-cursor')).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
