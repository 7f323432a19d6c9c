/** Levels in order: each includes the factors of the one before. */
export const LEVELS = ['L1', 'L2', 'L3'] as const;
export type Level = (typeof LEVELS)[number];

export const SESSION_STATUSES = ['OPEN', 'VERIFIED', 'FAILED', 'LOCKED', 'EXPIRED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const FACTOR_TYPES = ['IDENTITY', 'LIVENESS', 'BANK_CARD'] as const;
export type FactorType = (typeof FACTOR_TYPES)[number];

export const FACTOR_RESULTS = ['MATCH', 'MISMATCH', 'NO_RECORD', 'REJECTED', 'UNAVAILABLE'] as const;
export type FactorResult = (typeof FACTOR_RESULTS)[number];

/** What a face check leaves behind: never the image, only its digest and the scores. */
export interface FaceEvidence {
  sha256: string;
  /** What the phone's liveness SDK reported. */
  livenessScore: number;
  /** The vendor's similarity against the authority photo, when it compared. */
  similarity?: number;
  /** The vendor's liveness verdict, PASS or FAIL, when it answered. */
  livenessVerdict?: string;
}

export interface FactorRecord {
  type: FactorType;
  result: FactorResult;
  reasonCode?: string;
  retryable: boolean;
  billed: boolean;
  at: Date;
  face?: FaceEvidence;
}

/** The person matched by the ID factor; later factors must be theirs. */
export interface MatchedIdentity {
  name: string;
  idNumber: string;
}

export interface MatchedCard {
  cardNumber: string;
  phone: string;
}

export interface Session {
  id: string;
  subjectId: string;
  targetLevel: Level;
  /** As stored; `effectiveStatus` also knows about expiry. */
  status: SessionStatus;
  createdAt: Date;
  expiresAt: Date;
  verifiedAt?: Date;
  identity?: MatchedIdentity;
  card?: MatchedCard;
  factors: FactorRecord[];
  /** Optimistic concurrency: every change bumps it. */
  version: number;
}

/** An open session past its deadline is expired, whether or not anyone wrote that down. */
export function effectiveStatus(session: Pick<Session, 'status' | 'expiresAt'>, now: Date): SessionStatus {
  return session.status === 'OPEN' && now.getTime() >= session.expiresAt.getTime() ? 'EXPIRED' : session.status;
}

export function levelRank(level: Level | undefined): number {
  return level ? LEVELS.indexOf(level) + 1 : 0;
}

const matched = (factors: FactorRecord[], type: FactorType): boolean => factors.some((factor) => factor.type === type && factor.result === 'MATCH');

export function hasMatched(session: Pick<Session, 'factors'>, type: FactorType): boolean {
  return matched(session.factors, type);
}

/** L1 = ID match; L2 = L1 + face; L3 = L2 + card. A card matched before the face counts once the face matches. */
export function levelOf(factors: FactorRecord[]): Level | undefined {
  if (!matched(factors, 'IDENTITY')) return undefined;
  if (!matched(factors, 'LIVENESS')) return 'L1';
  return matched(factors, 'BANK_CARD') ? 'L3' : 'L2';
}

/** The level a factor type completes, and so the least target that needs it. */
export const LEVEL_OF_FACTOR: Record<FactorType, Level> = { IDENTITY: 'L1', LIVENESS: 'L2', BANK_CARD: 'L3' };
