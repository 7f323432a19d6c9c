import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRecorder, type AuditRecord } from '#libs/audit';
import { isUniqueViolation, queryRows } from '#libs/db';
import type { DecisionReview, ReviewStatus } from '../../reviews/decision-review.js';
import {
  DecisionReviewRepository,
  type ReviewRequest,
  type ReviewRequestResult,
  type ReviewResolution,
  type ReviewResolutionResult,
} from '../../reviews/decision-review.repository.js';
import type { TimeCursor } from '../../shared/cursor.js';
import { uuidV7Time } from '../../shared/uuid-v7.js';
import { REVIEW_COLUMNS, toReview, type ReviewRow } from './decision-review.rows.js';

@Injectable()
export class DecisionReviewPostgresRepository extends DecisionReviewRepository {
  private readonly audit = new AuditRecorder('risk');

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async request(request: ReviewRequest, audit: (review: DecisionReview) => AuditRecord): Promise<ReviewRequestResult> {
    try {
      return await this.requestOnce(request, audit);
    } catch (error) {
      // A retry of the same data request raced this one: its review now exists, and is the answer.
      if (isUniqueViolation(error)) return this.requestOnce(request, audit);
      throw error;
    }
  }

  private requestOnce(request: ReviewRequest, audit: (review: DecisionReview) => AuditRecord): Promise<ReviewRequestResult> {
    return this.dataSource.transaction(async (manager) => {
      const [existing] = await queryRows<ReviewRow>(manager, `SELECT ${REVIEW_COLUMNS} FROM risk.decision_reviews WHERE request_id = $1`, [request.requestId]);
      if (existing) {
        if (existing.decision_id !== request.decisionId || existing.subject_id !== request.subjectId) return { status: 'CONFLICT' };
        return { status: 'EXISTING', review: toReview(existing) };
      }
      // Share-locked: an erasure restricting or anonymising it waits for this review, then takes it along.
      const at = uuidV7Time(request.decisionId);
      if (!at) return { status: 'DECISION_NOT_FOUND' };
      const [decision] = await queryRows<{ id: string }>(
        manager,
        `SELECT id FROM risk.decisions WHERE id = $1 AND occurred_at = $2 AND subject_id = $3 AND restricted_at IS NULL AND anonymised_at IS NULL FOR SHARE`,
        [request.decisionId, at, request.subjectId],
      );
      if (!decision) return { status: 'DECISION_NOT_FOUND' };
      const [row] = await queryRows<ReviewRow>(
        manager,
        `INSERT INTO risk.decision_reviews (id, decision_id, subject_id, request_id, status, requested_at)
         VALUES ($1, $2, $3, $4, 'OPEN', $5) RETURNING ${REVIEW_COLUMNS}`,
        [request.id, request.decisionId, request.subjectId, request.requestId, request.at],
      );
      const review = toReview(row!);
      await this.audit.record(manager, audit(review), `review-requested:${review.id}`);
      return { status: 'CREATED', review };
    });
  }

  async latestFor(decisionId: string): Promise<DecisionReview | undefined> {
    const [row] = await queryRows<ReviewRow>(
      this.dataSource,
      `SELECT ${REVIEW_COLUMNS} FROM risk.decision_reviews WHERE decision_id = $1 AND restricted_at IS NULL ORDER BY requested_at DESC, id DESC LIMIT 1`,
      [decisionId],
    );
    return row ? toReview(row) : undefined;
  }

  async list(status: ReviewStatus | undefined, limit: number, after?: TimeCursor): Promise<DecisionReview[]> {
    const rows = await queryRows<ReviewRow>(
      this.dataSource,
      `SELECT ${REVIEW_COLUMNS} FROM risk.decision_reviews
       WHERE restricted_at IS NULL AND ($1::text IS NULL OR status = $1)
         AND ($2::timestamptz IS NULL OR (requested_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY requested_at, id LIMIT $4`,
      [status ?? null, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map(toReview);
  }

  resolve(resolution: ReviewResolution, audit: (review: DecisionReview) => AuditRecord): Promise<ReviewResolutionResult> {
    return this.dataSource.transaction(async (manager) => {
      const [current] = await queryRows<{ status: ReviewStatus }>(
        manager,
        'SELECT status FROM risk.decision_reviews WHERE id = $1 AND restricted_at IS NULL FOR UPDATE',
        [resolution.id],
      );
      if (!current) return { status: 'NOT_FOUND' };
      if (current.status !== 'OPEN') return { status: 'ALREADY_RESOLVED' };
      const [row] = await queryRows<ReviewRow>(
        manager,
        `UPDATE risk.decision_reviews SET status = 'RESOLVED', resolved_at = $2, resolved_by = $3, outcome = $4, note = $5
         WHERE id = $1 RETURNING ${REVIEW_COLUMNS}`,
        [resolution.id, resolution.at, resolution.resolvedBy, resolution.outcome, resolution.note],
      );
      const review = toReview(row!);
      await this.audit.record(manager, audit(review), `review-resolved:${review.id}`);
      return { status: 'RESOLVED', review };
    });
  }
}
