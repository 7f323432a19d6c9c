import type { EntityManager } from 'typeorm';
import type { Level } from '../../sessions/session.js';

/** Raises a subject's level, never lowers it; the first verified ID number binds the subject. */
export async function raiseVerificationLevel(manager: EntityManager, subjectId: string, level: Level, at: Date, idNumberBidx: string): Promise<void> {
  await manager.query(
    `INSERT INTO identity.verification_levels (subject_id, level, verified_at, id_number_bidx) VALUES ($1, $2, $3, $4)
     ON CONFLICT (subject_id) DO UPDATE SET level = EXCLUDED.level, verified_at = EXCLUDED.verified_at,
       id_number_bidx = COALESCE(identity.verification_levels.id_number_bidx, EXCLUDED.id_number_bidx)
     WHERE identity.verification_levels.level < EXCLUDED.level`,
    [subjectId, level, at, idNumberBidx],
  );
}
