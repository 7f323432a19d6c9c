/** Metadata key under which a handler names its endpoint. */
export const VERIFIER_ENDPOINT = Symbol('VERIFIER_ENDPOINT');

export interface VerifierEndpoint {
  /** The Tencent action this endpoint imitates, used in logs and metrics. */
  action: 'IdCardVerification' | 'ImageRecognition' | 'BankCard4EVerification' | 'BankAccountVerification';
  path: string;
}

export const ID_CARD_VERIFICATION: VerifierEndpoint = { action: 'IdCardVerification', path: '/faceid/v1/id-card-verification' };
export const IMAGE_RECOGNITION: VerifierEndpoint = { action: 'ImageRecognition', path: '/faceid/v1/image-recognition' };
export const BANK_CARD_4E_VERIFICATION: VerifierEndpoint = { action: 'BankCard4EVerification', path: '/faceid/v1/bank-card-4e-verification' };

export const BANK_ACCOUNT_VERIFICATION: VerifierEndpoint = { action: 'BankAccountVerification', path: '/faceid/v1/bank-account-verification' };

export const VERIFIER_ENDPOINTS: readonly VerifierEndpoint[] = [ID_CARD_VERIFICATION, IMAGE_RECOGNITION, BANK_CARD_4E_VERIFICATION, BANK_ACCOUNT_VERIFICATION];
