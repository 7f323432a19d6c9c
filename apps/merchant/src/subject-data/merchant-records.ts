import type { ApplicationKind, ApplicationStatus } from '../applications/application.js';

/**
 * How merchant records relate to a data subject (docs/merchant.md,
 * "Data-subject rights and retention"): a merchant record is an onboarding
 * application with its upgrade requests, and it is the subject's who
 * created the onboarding application (`created_by`, the token subject the
 * gateway passes). Documents are the subject's when they uploaded them or
 * their records name them; webhook settings when they set them or the
 * merchant account holds only their records.
 */
export interface OwnedRecord {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  parentId?: string;
  restricted: boolean;
  holdUntil?: Date;
  /** When an admin or an earlier request closed it: the relationship ended then. */
  closedAt?: Date;
}

export const ERASURE_MODES = ['DELETE', 'CLOSE_ACCOUNT'] as const;
export type ErasureMode = (typeof ERASURE_MODES)[number];

/** An onboarding application in these became a merchant: its records are customer due diligence. */
const ONBOARDED: readonly ApplicationStatus[] = ['APPROVED', 'ACTIVE', 'SUSPENDED', 'CLOSED'];
/** The business relationship is open in these; closing the account closes them. */
const RELATIONSHIP_OPEN: readonly ApplicationStatus[] = ['APPROVED', 'ACTIVE', 'SUSPENDED'];

/** Kept under the anti-money-laundering hold: a merchant's onboarding record, and the upgrades approved on it. */
export function isDueDiligenceRecord(record: { kind: ApplicationKind; status: ApplicationStatus }): boolean {
  return record.kind === 'ONBOARDING' ? ONBOARDED.includes(record.status) : record.status === 'APPROVED';
}

export interface KeptRecord {
  id: string;
  /** Undefined while the relationship continues: the hold starts when it ends. */
  holdUntil?: Date;
  newlyRestricted: boolean;
}

export interface ErasurePlan {
  /** Drafts, withdrawn (submitted, in review, needing information) and rejected applications, and unapproved upgrades: nothing keeps them. */
  delete: string[];
  /** Onboarding records to move to CLOSED now (CLOSE_ACCOUNT). */
  close: string[];
  /** Records kept under the hold, restricted. */
  keep: KeptRecord[];
}

/**
 * What an erasure does to each of the subject's records. DELETE leaves an
 * open relationship open (no hold end yet); CLOSE_ACCOUNT ends it now. A
 * merchant that was closed before ended its relationship then. A hold end
 * once set is never moved.
 */
export function planErasure(records: OwnedRecord[], mode: ErasureMode, at: Date, holdUntil: (endedAt: Date) => Date): ErasurePlan {
  const plan: ErasurePlan = { delete: [], close: [], keep: [] };
  const holds = new Map<string, Date | undefined>();
  const keep = (record: OwnedRecord, until: Date | undefined): void => {
    plan.keep.push({ id: record.id, ...(until ? { holdUntil: until } : {}), newlyRestricted: !record.restricted });
  };
  // Onboarding records first: upgrades share their merchant's hold.
  for (const record of records.filter((candidate) => candidate.kind === 'ONBOARDING')) {
    if (!record.restricted && !isDueDiligenceRecord(record)) {
      plan.delete.push(record.id);
      continue;
    }
    let until = record.holdUntil;
    if (!until && mode === 'CLOSE_ACCOUNT' && RELATIONSHIP_OPEN.includes(record.status)) {
      plan.close.push(record.id);
      until = holdUntil(at);
    } else if (!until && record.status === 'CLOSED') until = holdUntil(record.closedAt ?? at);
    holds.set(record.id, until);
    keep(record, until);
  }
  for (const record of records.filter((candidate) => candidate.kind === 'UPGRADE')) {
    if (!record.restricted && !isDueDiligenceRecord(record)) {
      plan.delete.push(record.id);
      continue;
    }
    keep(record, record.holdUntil ?? (record.parentId ? holds.get(record.parentId) : undefined));
  }
  return plan;
}
