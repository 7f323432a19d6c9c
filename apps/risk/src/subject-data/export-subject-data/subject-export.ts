import type { SensitiveSnapshot } from '../../assessment/sensitive-snapshot.js';
import type { DecisionReview } from '../../reviews/decision-review.js';
import { HELD_CATEGORY } from '../retention-policy.js';
import type { HeldRecords, SubjectDecision, SubjectRecords } from '../subject-data.repository.js';

const iso = (value: Date | undefined): string | null => value?.toISOString() ?? null;

function review(record: DecisionReview): Record<string, unknown> {
  return {
    id: record.id,
    status: record.status,
    requested_at: record.requestedAt.toISOString(),
    resolved_at: iso(record.resolvedAt),
    outcome: record.outcome ?? null,
    note: record.note ?? null,
  };
}

/** The personal part of the event's input, in clear: it is the subject's own copy. */
function snapshot(value: SensitiveSnapshot): Record<string, unknown> {
  return {
    id_number: value.idNumber ?? null,
    card_number: value.cardNumber ?? null,
    phone: value.phone ?? null,
    app_instance_id: value.appInstanceId ?? null,
    oaid: value.oaid ?? null,
    idfv: value.idfv ?? null,
    android_id: value.androidId ?? null,
    imei: value.imei ?? null,
    gps: value.gps ? { lat: value.gps.lat, lon: value.gps.lon, accuracy_m: value.gps.accuracyM ?? null } : null,
    risky_apps: value.riskyApps,
    extra_signals: value.extra,
  };
}

function decision(record: SubjectDecision, unseal: (sealed: Buffer) => SensitiveSnapshot): Record<string, unknown> {
  return {
    id: record.id,
    occurred_at: record.occurredAt.toISOString(),
    event_type: record.eventType,
    decision: record.outcome,
    score: record.score,
    reasons: record.reasons.map((reason) => ({ code: reason.code, description: reason.description })),
    ruleset_version: record.rulesetVersion,
    device_id: record.deviceId,
    ip: record.ip,
    merchant_id: record.merchantId ?? null,
    label: record.label ?? null,
    human_reviews: record.reviews.map(review),
    submitted: snapshot(unseal(record.sealedSnapshot)),
    restriction: record.restrictedAt ? { restricted_at: record.restrictedAt.toISOString(), hold_until: iso(record.holdUntil) } : null,
  };
}

/** The restricted decisions, grouped by the end of their hold. */
export function heldRecords(records: SubjectRecords): HeldRecords[] {
  const groups = new Map<string, HeldRecords>();
  for (const record of records.decisions) {
    if (!record.restrictedAt) continue;
    const key = iso(record.holdUntil) ?? '';
    const group = groups.get(key) ?? { ...(record.holdUntil ? { holdUntil: record.holdUntil } : {}), records: 0 };
    group.records++;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Risk's section of the subject's copy: every automated decision still about
 * them (restricted ones included), with its score, outcome, reasons in plain
 * language, the device and IP it was made on, any analyst label, their
 * requests for human review, and what the event carried of theirs, in clear.
 * Anonymised decisions no longer name anyone and are not in it.
 */
export function subjectExport(records: SubjectRecords, unseal: (sealed: Buffer) => SensitiveSnapshot): Record<string, unknown> {
  return {
    decisions: records.decisions.map((record) => decision(record, unseal)),
    legal_hold: heldRecords(records).map((group) => ({ category: HELD_CATEGORY, hold_until: iso(group.holdUntil), records: group.records })),
  };
}
