import type { PiiVault } from '#libs/pii';

/**
 * The log refers to a subject by a keyed hash of their id, so it holds no
 * identifier in clear and survives the subject's erasure, while a privacy
 * officer who knows the id can still find every entry about them.
 */
export function subjectRef(vault: PiiVault, subjectId: string): string {
  return vault.blindIndex('generic', `subject:${subjectId}`);
}
