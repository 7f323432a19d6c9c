import type { ApplicationForm, CheckResult, Reason } from '../../applications/application.js';
import { documentHolds } from '../document-holds.js';
import { groupHeld, HELD_DOCUMENTS, HELD_RECORDS, type HeldGroup } from '../held-category.js';
import type { SubjectRecords } from '../subject-data.repository.js';

const iso = (date: Date | undefined): string | null => date?.toISOString() ?? null;
const reasons = (list: Reason[]): Reason[] => list.map(({ field, reason }) => ({ field, reason }));
const check = (result: CheckResult): Record<string, unknown> => ({
  check: result.check,
  result: result.result,
  detail: result.detail ?? null,
  field: result.field ?? null,
  score: result.score ?? null,
  decision_id: result.decisionId ?? null,
  checked_at: result.checkedAt,
});

/**
 * The merchant section of the subject's copy: every record of theirs with
 * every field in clear, what happened to it and why, and which records are
 * kept under a hold. Staff identities (reviewer and admin ids) are not the
 * subject's data: the history names the kind of actor only. Document bytes
 * are not part of it (their kind, size and SHA-256 are).
 */
export function toSubjectExport(subjectId: string, records: SubjectRecords): Record<string, unknown> {
  return {
    subject_id: subjectId,
    merchant_records: records.applications.map(({ application, restrictedAt, holdUntil, history, decisions, corrections }) => ({
      id: application.id,
      merchant_id: application.merchantId,
      kind: application.kind,
      business_code: application.businessCode ?? null,
      parent_application_id: application.parentId ?? null,
      type: application.type,
      status: application.status,
      level: application.level,
      form: application.form satisfies ApplicationForm,
      submitting_client_ip: application.clientIp ?? null,
      checks: application.checks.map(check),
      review: {
        reasons: reasons(application.reasons),
        approvals_required: application.approvalsRequired,
        decisions: decisions.map((decision) => ({
          round: decision.round,
          decision: decision.decision,
          reasons: reasons(decision.reasons),
          decided_at: decision.decidedAt.toISOString(),
        })),
      },
      history: history.map((transition) => ({
        from_status: transition.from,
        to_status: transition.to,
        actor_type: transition.actor.type,
        reasons: reasons(transition.reasons),
        occurred_at: transition.occurredAt.toISOString(),
      })),
      corrections: corrections.map((correction) => ({
        field: correction.field,
        previous_value: correction.previousValue ?? null,
        request_id: correction.requestId,
        corrected_at: correction.correctedAt.toISOString(),
      })),
      created_at: application.createdAt.toISOString(),
      updated_at: application.updatedAt.toISOString(),
      submitted_at: iso(application.submittedAt),
      decided_at: iso(application.decidedAt),
      restriction: restrictedAt ? { restricted_at: restrictedAt.toISOString(), hold_until: iso(holdUntil) } : null,
    })),
    documents: records.documents.map(({ document, restricted }) => ({
      id: document.id,
      merchant_id: document.merchantId,
      kind: document.kind,
      content_type: document.contentType,
      size: document.size,
      sha256: document.sha256,
      created_at: document.createdAt.toISOString(),
      restricted,
    })),
    webhooks: records.webhooks.map((webhook) => ({ merchant_id: webhook.merchantId, url: webhook.url, updated_at: webhook.updatedAt.toISOString() })),
  };
}

/** The subject's records kept under a hold, per category and hold end. */
export function heldOf(records: SubjectRecords): HeldGroup[] {
  const restricted = records.applications.filter((record) => record.restrictedAt);
  const holds = documentHolds(restricted.map((record) => ({ form: record.application.form, ...(record.holdUntil ? { holdUntil: record.holdUntil } : {}) })));
  return groupHeld([
    ...restricted.map((record) => ({ category: HELD_RECORDS as typeof HELD_RECORDS, ...(record.holdUntil ? { holdUntil: record.holdUntil } : {}) })),
    ...records.documents
      .filter((record) => record.restricted)
      .map((record) => {
        const until = holds.get(record.document.id);
        return { category: HELD_DOCUMENTS as typeof HELD_DOCUMENTS, ...(until ? { holdUntil: until } : {}) };
      }),
  ]);
}
