import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ExplainDecisionRequestDto } from '../decisions/explain-decision/explain-decision.request.js';
import { ListDecisionReviewsRequestDto } from '../reviews/list-decision-reviews/list-decision-reviews.request.js';
import { ResolveDecisionReviewRequestDto } from '../reviews/resolve-decision-review/resolve-decision-review.request.js';
import { CorrectSubjectDataRequestDto } from './correct-subject-data/correct-subject-data.request.js';
import { EraseSubjectDataRequestDto } from './erase-subject-data/erase-subject-data.request.js';
import { ExportSubjectDataRequestDto } from './export-subject-data/export-subject-data.request.js';
import { RunRetentionRequestDto } from './run-retention/run-retention.request.js';

const invalid = (type: new () => object, body: Record<string, unknown>): string[] => validateSync(plainToInstance(type, body)).map((error) => error.property);
const DECISION = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';

describe('SubjectDataService requests', () => {
  it('takes only plain subject ids, known reasons, modes and fields, and plain request ids', () => {
    expect(invalid(ExportSubjectDataRequestDto, { subjectId: 'user-1', reason: 'SUBJECT_COPY' })).toEqual([]);
    expect(invalid(ExportSubjectDataRequestDto, { subjectId: '张伟', reason: 'CURIOSITY' })).toEqual(['subjectId', 'reason']);
    expect(invalid(EraseSubjectDataRequestDto, { subjectId: 'user-1', mode: 'CLOSE_ACCOUNT', requestId: 'f1e2d3c4-0000-4000-8000-000000000001' })).toEqual([]);
    expect(invalid(EraseSubjectDataRequestDto, { subjectId: '', mode: 'PURGE', requestId: '../x' })).toEqual(['subjectId', 'mode', 'requestId']);
    expect(invalid(CorrectSubjectDataRequestDto, { subjectId: 'user-1', field: 'name', value: '张伟', requestId: 'r-1' })).toEqual([]);
    expect(invalid(CorrectSubjectDataRequestDto, { subjectId: 'user-1', field: 'nickname', value: 'x'.repeat(501), requestId: '' })).toEqual([
      'field',
      'value',
      'requestId',
    ]);
  });

  it('takes an RFC 3339 as_of, or none for now, and refuses dates Date cannot read', () => {
    for (const asOf of ['', '2031-03-10T04:00:00Z', '2031-03-10T12:00:00.123456+08:00']) expect(invalid(RunRetentionRequestDto, { asOf })).toEqual([]);
    for (const asOf of ['2026-W01', '2026-001', '2026-02-30T00:00:00Z', '2026-13-45', 'tomorrow', '0000-01-01T00:00:00Z'])
      expect(invalid(RunRetentionRequestDto, { asOf }), asOf).toEqual(['asOf']);
  });
});

describe('human review requests', () => {
  it('needs a plain request id with a review request, and takes none without', () => {
    const base = { decisionId: DECISION, subjectId: 'user-1' };
    expect(invalid(ExplainDecisionRequestDto, { ...base, requestHumanReview: false, requestId: '' })).toEqual([]);
    expect(invalid(ExplainDecisionRequestDto, { ...base, requestHumanReview: true, requestId: 'dr-0190a1b2' })).toEqual([]);
    expect(invalid(ExplainDecisionRequestDto, { ...base, requestHumanReview: true, requestId: '' })).toEqual(['requestId']);
    expect(invalid(ExplainDecisionRequestDto, { ...base, requestHumanReview: false, requestId: 'a b' })).toEqual(['requestId']);
    expect(invalid(ExplainDecisionRequestDto, { ...base, decisionId: 'not-a-decision', requestHumanReview: 'yes', requestId: 'r-1' })).toEqual([
      'decisionId',
      'requestHumanReview',
    ]);
  });

  it('resolves with a known outcome and a note, by an identified caller; lists by a known status', () => {
    const caller = { subjectId: 'analyst-1', roles: ['risk_analyst'] };
    const reviewId = 'f1e2d3c4-0000-4000-8000-000000000001';
    expect(invalid(ResolveDecisionReviewRequestDto, { caller, reviewId, outcome: 'OVERTURNED', note: 'Explained by the customer.' })).toEqual([]);
    expect(invalid(ResolveDecisionReviewRequestDto, { caller: undefined, reviewId: 'x', outcome: 'REVERSED', note: 'x'.repeat(1001) })).toEqual([
      'caller',
      'reviewId',
      'outcome',
      'note',
    ]);
    expect(invalid(ListDecisionReviewsRequestDto, { status: 'OPEN', limit: 50 })).toEqual([]);
    expect(invalid(ListDecisionReviewsRequestDto, { limit: 0 })).toEqual([]);
    expect(invalid(ListDecisionReviewsRequestDto, { status: 'PENDING', limit: 501 })).toEqual(['status', 'limit']);
  });
});
