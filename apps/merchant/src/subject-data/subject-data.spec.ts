import '../merchant.errors.js';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { CorrectSubjectDataRequestDto } from './correct-subject-data/correct-subject-data.request.js';
import { documentHolds } from './document-holds.js';
import { EraseSubjectDataRequestDto } from './erase-subject-data/erase-subject-data.request.js';
import { ExportSubjectDataRequestDto } from './export-subject-data/export-subject-data.request.js';
import { groupHeld, heldCategories, HELD_DOCUMENTS, HELD_RECORDS } from './held-category.js';
import { isDueDiligenceRecord, planErasure, type OwnedRecord } from './merchant-records.js';
import { RetentionPolicy } from './retention-policy.js';
import { RunRetentionRequestDto } from './run-retention/run-retention.request.js';

const policy = new RetentionPolicy(5, 90, 30, 30);
const at = new Date('2026-03-10T08:00:00.000Z');
const inFiveYears = new Date('2031-03-10T08:00:00.000Z');
const holdUntil = (endedAt: Date): Date => policy.holdUntil(endedAt);
const record = (id: string, kind: OwnedRecord['kind'], status: OwnedRecord['status'], extra: Partial<OwnedRecord> = {}): OwnedRecord => ({
  id,
  kind,
  status,
  restricted: false,
  ...extra,
});

describe('what an erasure keeps', () => {
  it('keeps onboarded merchants and approved upgrades as due diligence; everything that never became a merchant goes', () => {
    for (const status of ['APPROVED', 'ACTIVE', 'SUSPENDED', 'CLOSED'] as const) expect(isDueDiligenceRecord({ kind: 'ONBOARDING', status })).toBe(true);
    for (const status of ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'NEEDS_INFO', 'REJECTED'] as const)
      expect(isDueDiligenceRecord({ kind: 'ONBOARDING', status })).toBe(false);
    expect(isDueDiligenceRecord({ kind: 'UPGRADE', status: 'APPROVED' })).toBe(true);
    expect(isDueDiligenceRecord({ kind: 'UPGRADE', status: 'IN_REVIEW' })).toBe(false);
  });

  it('CLOSE_ACCOUNT closes open relationships and starts their hold now; upgrades share their merchant’s hold', () => {
    const plan = planErasure(
      [
        record('m', 'ONBOARDING', 'SUSPENDED'),
        record('u1', 'UPGRADE', 'APPROVED', { parentId: 'm' }),
        record('u2', 'UPGRADE', 'DRAFT', { parentId: 'm' }),
        record('d', 'ONBOARDING', 'NEEDS_INFO'),
        record('r', 'ONBOARDING', 'REJECTED'),
      ],
      'CLOSE_ACCOUNT',
      at,
      holdUntil,
    );
    expect(plan).toEqual({
      delete: ['d', 'r', 'u2'],
      close: ['m'],
      keep: [
        { id: 'm', holdUntil: inFiveYears, newlyRestricted: true },
        { id: 'u1', holdUntil: inFiveYears, newlyRestricted: true },
      ],
    });
  });

  it('DELETE leaves an open relationship open (no hold end), counts a closed one from its closure, and never moves a hold end', () => {
    const closedAt = new Date('2025-01-02T00:00:00.000Z');
    const earlier = new Date('2029-06-01T00:00:00.000Z');
    const plan = planErasure(
      [
        record('active', 'ONBOARDING', 'ACTIVE'),
        record('closed', 'ONBOARDING', 'CLOSED', { closedAt }),
        record('held', 'ONBOARDING', 'CLOSED', { restricted: true, holdUntil: earlier, closedAt }),
      ],
      'DELETE',
      at,
      holdUntil,
    );
    expect(plan).toEqual({
      delete: [],
      close: [],
      keep: [
        { id: 'active', newlyRestricted: true },
        { id: 'closed', holdUntil: new Date('2030-01-02T00:00:00.000Z'), newlyRestricted: true },
        { id: 'held', holdUntil: earlier, newlyRestricted: false },
      ],
    });
    // A later CLOSE_ACCOUNT ends the relationship left open by DELETE.
    expect(planErasure([record('active', 'ONBOARDING', 'ACTIVE', { restricted: true })], 'CLOSE_ACCOUNT', at, holdUntil)).toEqual({
      delete: [],
      close: ['active'],
      keep: [{ id: 'active', holdUntil: inFiveYears, newlyRestricted: false }],
    });
  });

  it('holds a document as long as the longest hold of the records naming it, and open while any of them is', () => {
    const form = (id: string) => ({ store: { photo_document_id: id } });
    const later = new Date('2032-01-01T00:00:00.000Z');
    const holds = documentHolds([
      { form: form('a'), holdUntil: inFiveYears },
      { form: form('a'), holdUntil: later },
      { form: form('b'), holdUntil: later },
      { form: form('b') },
    ]);
    expect([...holds.entries()]).toEqual([
      ['a', later],
      ['b', undefined],
    ]);
  });

  it('lists held records per category and hold end, with the legal basis and the configured years', () => {
    const groups = groupHeld([
      { category: HELD_RECORDS, holdUntil: inFiveYears },
      { category: HELD_DOCUMENTS, holdUntil: inFiveYears },
      { category: HELD_RECORDS, holdUntil: inFiveYears },
      { category: HELD_RECORDS },
    ]);
    expect(heldCategories(groups, new RetentionPolicy(7, 90, 30, 30))).toEqual([
      { category: HELD_DOCUMENTS, holdUntil: inFiveYears.toISOString(), legalBasis: expect.stringContaining('7 years after'), records: 1 },
      { category: HELD_RECORDS, holdUntil: '', legalBasis: expect.stringContaining('Anti-Money-Laundering Law'), records: 1 },
      { category: HELD_RECORDS, holdUntil: inFiveYears.toISOString(), legalBasis: expect.any(String), records: 2 },
    ]);
  });

  it('cuts off drafts, outbox messages and receipts by their own periods', () => {
    expect(new RetentionPolicy(5, 90, 30, 7).cutoffs(at)).toEqual({
      holdsEndedBefore: at,
      draftsUntouchedSince: new Date('2025-12-10T08:00:00.000Z'),
      outboxDeliveredBefore: new Date('2026-02-08T08:00:00.000Z'),
      erasureReceiptsBefore: new Date('2026-03-03T08:00:00.000Z'),
    });
  });
});

describe('SubjectDataService requests', () => {
  const errors = (type: new () => object, body: Record<string, unknown>): string[] => validateSync(plainToInstance(type, body)).map((error) => error.property);

  it('accepts well-formed requests and names each bad field', () => {
    expect(errors(ExportSubjectDataRequestDto, { subjectId: 'user-1', reason: 'SUBJECT_COPY' })).toEqual([]);
    expect(errors(ExportSubjectDataRequestDto, { subjectId: 'a b', reason: 'ANYTHING' })).toEqual(['subjectId', 'reason']);
    expect(errors(CorrectSubjectDataRequestDto, { subjectId: 'user-1', field: 'phone', value: '13912345678', requestId: 'r-1' })).toEqual([]);
    expect(errors(CorrectSubjectDataRequestDto, { subjectId: 'user-1', field: 'bank_card', value: 'x'.repeat(501), requestId: '' })).toEqual([
      'field',
      'value',
      'requestId',
    ]);
    expect(errors(EraseSubjectDataRequestDto, { subjectId: 'user-1', mode: 'CLOSE_ACCOUNT', requestId: 'r-1' })).toEqual([]);
    expect(errors(EraseSubjectDataRequestDto, { subjectId: 'user-1', mode: 'PURGE', requestId: 'r 1' })).toEqual(['mode', 'requestId']);
    for (const asOf of ['', '2031-03-10T08:00:00Z', '2031-03-10T16:00:00.123+08:00']) expect(errors(RunRetentionRequestDto, { asOf })).toEqual([]);
    for (const asOf of ['2031-02-30T08:00:00Z', '2031-W10', 'tomorrow']) expect(errors(RunRetentionRequestDto, { asOf })).toEqual(['asOf']);
  });
});
