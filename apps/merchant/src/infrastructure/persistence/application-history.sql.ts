import { queryRows } from '#libs/db';
import type { DataSource, EntityManager } from 'typeorm';
import type { ApplicationStatus, Reason, ReviewDecision, ReviewDecisionKind, Transition } from '../../applications/application.js';

type Executor = DataSource | EntityManager;

/** An application's status history and review decisions: written by the application repository, read by it and by subject-data exports. */
export async function insertTransition(manager: EntityManager, applicationId: string, transition: Transition): Promise<void> {
  await manager.query(
    `INSERT INTO merchant.application_transitions (event_id, application_id, from_status, to_status, actor_type, actor_id, reasons, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      transition.eventId,
      applicationId,
      transition.from,
      transition.to,
      transition.actor.type,
      transition.actor.id,
      JSON.stringify(transition.reasons),
      transition.occurredAt,
    ],
  );
}

/** Every transition of the applications, oldest first. */
export async function transitionsOf(executor: Executor, applicationIds: string[]): Promise<Array<{ applicationId: string; transition: Transition }>> {
  if (applicationIds.length === 0) return [];
  const rows = await queryRows<{
    event_id: string;
    application_id: string;
    from_status: ApplicationStatus | null;
    to_status: ApplicationStatus;
    actor_type: Transition['actor']['type'];
    actor_id: string;
    reasons: Reason[];
    occurred_at: Date;
  }>(
    executor,
    `SELECT event_id, application_id, from_status, to_status, actor_type, actor_id, reasons, occurred_at FROM merchant.application_transitions
     WHERE application_id = ANY($1::uuid[]) ORDER BY seq`,
    [applicationIds],
  );
  return rows.map((row) => ({
    applicationId: row.application_id,
    transition: {
      eventId: row.event_id,
      from: row.from_status,
      to: row.to_status,
      actor: { type: row.actor_type, id: row.actor_id },
      reasons: row.reasons,
      occurredAt: row.occurred_at,
    },
  }));
}

/** Every review decision on the applications, oldest first. */
export async function reviewDecisionsOf(executor: Executor, applicationIds: string[]): Promise<ReviewDecision[]> {
  if (applicationIds.length === 0) return [];
  const rows = await queryRows<{
    id: string;
    application_id: string;
    round: number;
    reviewer_id: string;
    decision: ReviewDecisionKind;
    reasons: Reason[];
    decided_at: Date;
  }>(
    executor,
    `SELECT id, application_id, round, reviewer_id, decision, reasons, decided_at FROM merchant.review_decisions
     WHERE application_id = ANY($1::uuid[]) ORDER BY decided_at, id`,
    [applicationIds],
  );
  return rows.map((row) => ({
    id: row.id,
    applicationId: row.application_id,
    round: row.round,
    reviewerId: row.reviewer_id,
    decision: row.decision,
    reasons: row.reasons,
    decidedAt: row.decided_at,
  }));
}
