import type { HeldCategory } from '#contracts/subject_data';
import type { RetentionPolicy } from './retention-policy.js';

/** The categories merchant keeps under a legal hold. */
export const HELD_RECORDS = 'merchant_due_diligence_records';
export const HELD_DOCUMENTS = 'merchant_due_diligence_documents';

/** Restricted records of one category that share a hold end. */
export interface HeldGroup {
  category: typeof HELD_RECORDS | typeof HELD_DOCUMENTS;
  /** Undefined while the relationship continues. */
  holdUntil?: Date;
  records: number;
}

/** Counts restricted records per category and hold end. */
export function groupHeld(records: Array<{ category: HeldGroup['category']; holdUntil?: Date }>): HeldGroup[] {
  const groups = new Map<string, HeldGroup>();
  for (const record of records) {
    const key = `${record.category}|${record.holdUntil?.toISOString() ?? ''}`;
    const group = groups.get(key) ?? { category: record.category, ...(record.holdUntil ? { holdUntil: record.holdUntil } : {}), records: 0 };
    group.records++;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.category.localeCompare(b.category) || (a.holdUntil?.getTime() ?? 0) - (b.holdUntil?.getTime() ?? 0));
}

/** What is kept under the hold, as the contract lists it to the subject. */
export function heldCategories(groups: HeldGroup[], policy: RetentionPolicy): HeldCategory[] {
  return groups
    .filter((group) => group.records > 0)
    .map((group) => ({
      category: group.category,
      holdUntil: group.holdUntil?.toISOString() ?? '',
      legalBasis: policy.legalBasis(),
      records: group.records,
    }));
}
