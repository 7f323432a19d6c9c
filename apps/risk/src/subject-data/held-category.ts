import type { HeldCategory } from '#contracts/subject_data';
import { HELD_CATEGORY, type RetentionPolicy } from './retention-policy.js';
import type { HeldRecords } from './subject-data.repository.js';

/** What is kept under the hold, as the contract lists it to the subject. */
export function heldCategories(held: HeldRecords[], policy: RetentionPolicy): HeldCategory[] {
  return held
    .filter((group) => group.records > 0)
    .map((group) => ({
      category: HELD_CATEGORY,
      holdUntil: group.holdUntil?.toISOString() ?? '',
      legalBasis: policy.legalBasis(),
      records: group.records,
    }));
}
