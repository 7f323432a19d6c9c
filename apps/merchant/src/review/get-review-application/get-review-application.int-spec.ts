import { OutboxDataAccessLog } from '#libs/audit';
import { findPlaintextPii } from '#libs/pii';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { merchantHarness, type MerchantHarness } from '../../testing/merchant-harness.fixture.js';
import { GetReviewApplicationUseCase } from './get-review-application.use-case.js';

describe('a reviewer opening an application', () => {
  let h: MerchantHarness;
  let open: GetReviewApplicationUseCase;
  beforeAll(async () => {
    h = await merchantHarness(inject('databaseUrl'));
    open = new GetReviewApplicationUseCase(h.applications, new OutboxDataAccessLog(h.dataSource, 'merchant'));
  });
  afterAll(() => h.close());

  const accessEntries = async (applicationId: string): Promise<Array<Record<string, unknown>>> =>
    (
      await h.dataSource.query(
        `SELECT payload FROM merchant.outbox WHERE topic = 'audit' AND payload->>'type' = 'DATA_ACCESSED' AND payload->'payload'->>'record_id' = $1`,
        [applicationId],
      )
    ).map((row: { payload: Record<string, unknown> }) => row.payload);

  it('is on record before the data is shown: who, whose and which application, nothing personal', async () => {
    const draft = await h.seed.individual();
    await open.execute(draft.id, 'reviewer-9');
    const [entry, ...more] = await accessEntries(draft.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: { type: 'staff', id: 'reviewer-9' },
      subjectId: draft.createdBy ?? draft.merchantId,
      payload: { view: 'merchant_application', record_id: draft.id },
    });
    expect(findPlaintextPii(entry!['payload'])).toEqual([]);
  });

  it('records nothing for an application that does not exist', async () => {
    const missing = '018f0000-0000-7000-8000-000000000001';
    await expect(open.execute(missing, 'reviewer-9')).rejects.toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
    expect(await accessEntries(missing)).toEqual([]);
  });
});
