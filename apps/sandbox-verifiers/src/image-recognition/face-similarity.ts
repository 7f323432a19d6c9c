import { createHash } from 'node:crypto';

export const PASSING_SIMILARITY = 70;

/**
 * Deterministic stand-in for a face-comparison model: the same face id as
 * the authority photo scores 85.00-98.99, anything else (another face, no
 * face) 5.00-29.99. The exact score is a hash of the authority face and the
 * submitted bytes, so the same upload always scores the same.
 */
export function faceSimilarity(authorityFaceId: string, submittedFaceId: string | undefined, submitted: Uint8Array): number {
  const hash = createHash('sha256').update(authorityFaceId).update('\0').update(submitted).digest().readUInt32BE(0);
  return submittedFaceId === authorityFaceId ? (8500 + (hash % 1400)) / 100 : (500 + (hash % 2500)) / 100;
}
