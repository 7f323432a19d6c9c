import type { FactorType } from './session.js';

export interface AttemptScope {
  kind: FactorType;
  subjectId: string;
  /** The ID number (identity and face factors) or card number (card factor) tried; kept only as a blind index. */
  value: { kind: 'id_number' | 'bank_card'; value: string };
  limit: number;
  /** Failures at or after this time count. */
  since: Date;
}

export type Reservation = { ok: true; id: string } | { ok: false };

/**
 * Port: failed attempts per user and per ID or card number. An attempt is
 * reserved (and counts) before the upstream call, so parallel requests
 * cannot overshoot the limit; it is settled as failed, or dropped, with the
 * factor's result.
 */
export abstract class AttemptLedger {
  abstract reserve(scope: AttemptScope, now: Date): Promise<Reservation>;
  abstract release(reservationId: string): Promise<void>;
}
