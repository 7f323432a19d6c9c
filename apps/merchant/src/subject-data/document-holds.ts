import type { ApplicationForm } from '../applications/application.js';
import { documentReferences } from '../applications/form/form-merge.js';

/**
 * The hold of each document that records kept under a hold name: the latest
 * of their hold ends, or none (the relationship continues) while any of them
 * has no end yet.
 */
export function documentHolds(records: Array<{ form: ApplicationForm; holdUntil?: Date }>): Map<string, Date | undefined> {
  const holds = new Map<string, Date | undefined>();
  const open = new Set<string>();
  for (const record of records)
    for (const { id } of documentReferences(record.form)) {
      if (!record.holdUntil) open.add(id);
      const before = holds.get(id);
      holds.set(id, before && record.holdUntil && before > record.holdUntil ? before : (record.holdUntil ?? before));
    }
  for (const id of open) holds.set(id, undefined);
  return holds;
}
