import type { MatchedCard, MatchedIdentity } from '../sessions/session.js';
import type { UpstreamAnswer } from '../sessions/verdict.js';

/**
 * Ports to the outside world. Implementations go through the audited
 * adapters (libs/sharing): they throw CONSENT_REQUIRED when the privacy
 * service refuses (nothing was sent), UPSTREAM_UNAVAILABLE or
 * UPSTREAM_RATE_LIMITED for 5xx, timeouts and 429, and PRIVACY_UNAVAILABLE
 * when the disclosure could not be authorised.
 */
export type RealNamePurpose = 'real_name_verification' | 'merchant_onboarding';

export abstract class IdAuthority {
  /** Does this name go with this ID number? `requestedBy` names the service on whose behalf identity asks. */
  abstract verify(subjectId: string, identity: MatchedIdentity, purpose: RealNamePurpose, requestedBy: string): Promise<UpstreamAnswer>;
}

export interface FaceSubmission {
  identity: MatchedIdentity;
  image: Uint8Array;
  sha256: string;
  livenessScore: number;
}

export abstract class FaceVerifier {
  /** Is the person in the image alive and the holder of the ID number? */
  abstract verify(subjectId: string, submission: FaceSubmission): Promise<UpstreamAnswer>;
}

export abstract class CardVerifier {
  /** Do card, name, ID number and reserved phone belong together? */
  abstract verify(subjectId: string, identity: MatchedIdentity, card: MatchedCard): Promise<UpstreamAnswer>;
}
