/**
 * Purposes a user grants or withdraws consent for (the consent ledger's
 * vocabulary, shared/API.md).
 */
export const CONSENT_PURPOSES = [
  'real_name_verification',
  'face_verification',
  'bank_card_verification',
  'risk_control',
  'merchant_onboarding',
  'marketing',
  'cross_border_transfer',
] as const;

/**
 * Purposes that never rest on the user's consent: the disclosure is required
 * by the relationship or the law, and the registry must say which.
 */
export const NON_CONSENT_PURPOSES = ['merchant_status_notification', 'data_subject_access', 'regulatory_reporting'] as const;

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type DisclosurePurpose = ConsentPurpose | (typeof NON_CONSENT_PURPOSES)[number];

export const DISCLOSURE_PURPOSES: readonly DisclosurePurpose[] = [...CONSENT_PURPOSES, ...NON_CONSENT_PURPOSES];

/**
 * PIPL art. 13 grounds this system uses. Anything but CONSENT must be
 * declared per recipient and purpose in the registry, never assumed in code.
 */
export const LEGAL_BASES = ['CONSENT', 'CONTRACT_NECESSITY', 'LEGAL_OBLIGATION', 'DATA_SUBJECT_REQUEST'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Transfers out of mainland China also need this consent (PIPL art. 39). */
export const CROSS_BORDER_PURPOSE: ConsentPurpose = 'cross_border_transfer';
export const HOME_COUNTRY = 'CN';

export function isConsentPurpose(value: string): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(value);
}
