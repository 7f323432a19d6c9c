import type { IdentityConfig } from '../config/identity.config.js';
import type { FactorType } from './session.js';

/** The configurable rules of verification, in one injectable value. */
export class VerificationPolicy {
  constructor(
    readonly sessionTtlMinutes: number,
    readonly minimumAgeYears: number,
    readonly maxFailedAttempts: Readonly<Record<FactorType, number>>,
    readonly attemptWindowHours: number,
    readonly faceImageMaxBytes: number,
  ) {}

  static from(config: IdentityConfig): VerificationPolicy {
    return new VerificationPolicy(
      config.SESSION_TTL_MINUTES,
      config.MINIMUM_AGE_YEARS,
      { IDENTITY: config.ID_MAX_FAILED_ATTEMPTS, LIVENESS: config.FACE_MAX_FAILED_ATTEMPTS, BANK_CARD: config.CARD_MAX_FAILED_ATTEMPTS },
      config.ATTEMPT_WINDOW_HOURS,
      config.FACE_IMAGE_MAX_BYTES,
    );
  }

  attemptsSince(now: Date): Date {
    return new Date(now.getTime() - this.attemptWindowHours * 3_600_000);
  }
}
