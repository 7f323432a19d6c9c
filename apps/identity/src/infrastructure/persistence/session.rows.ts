import type { PiiVault } from '#libs/pii';
import type { FactorRecord, FactorResult, FactorType, Level, Session, SessionStatus } from '../../sessions/session.js';

/** How sessions and their factors are stored, and read back with the matched data decrypted. */
export const SESSIONS_TABLE = 'identity.sessions';

export const SESSION_COLUMNS =
  'id, subject_id, target_level, status, created_at, expires_at, verified_at, version, name_enc, id_number_enc, card_number_enc, phone_enc';
export const FACTOR_COLUMNS = 'session_id, type, result, reason_code, retryable, billed, face_sha256, liveness_score, similarity, liveness_verdict, at';

export interface SessionRow {
  id: string;
  subject_id: string;
  target_level: Level;
  status: SessionStatus;
  created_at: Date;
  expires_at: Date;
  verified_at: Date | null;
  version: number;
  name_enc: Buffer | null;
  id_number_enc: Buffer | null;
  card_number_enc: Buffer | null;
  phone_enc: Buffer | null;
}

export interface FactorRow {
  session_id: string;
  type: FactorType;
  result: FactorResult;
  reason_code: string | null;
  retryable: boolean;
  billed: boolean;
  face_sha256: string | null;
  liveness_score: number | null;
  similarity: number | null;
  liveness_verdict: string | null;
  at: Date;
}

export function toFactor(row: FactorRow): FactorRecord {
  return {
    type: row.type,
    result: row.result,
    ...(row.reason_code ? { reasonCode: row.reason_code } : {}),
    retryable: row.retryable,
    billed: row.billed,
    at: row.at,
    ...(row.face_sha256
      ? {
          face: {
            sha256: row.face_sha256,
            livenessScore: row.liveness_score ?? 0,
            ...(row.similarity !== null ? { similarity: row.similarity } : {}),
            ...(row.liveness_verdict ? { livenessVerdict: row.liveness_verdict } : {}),
          },
        }
      : {}),
  };
}

/** The session with its matched data decrypted (AAD binds each value to its table and column). */
export function toSession(row: SessionRow, factors: FactorRow[], vault: PiiVault): Session {
  const decrypt = (value: Buffer | null, column: string): string | undefined =>
    value ? vault.decryptString(value, { table: SESSIONS_TABLE, column }) : undefined;
  const name = decrypt(row.name_enc, 'name');
  const idNumber = decrypt(row.id_number_enc, 'id_number');
  const cardNumber = decrypt(row.card_number_enc, 'card_number');
  const phone = decrypt(row.phone_enc, 'phone');
  return {
    id: row.id,
    subjectId: row.subject_id,
    targetLevel: row.target_level,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.verified_at ? { verifiedAt: row.verified_at } : {}),
    ...(name && idNumber ? { identity: { name, idNumber } } : {}),
    ...(cardNumber && phone ? { card: { cardNumber, phone } } : {}),
    factors: factors.map(toFactor),
    version: row.version,
  };
}
