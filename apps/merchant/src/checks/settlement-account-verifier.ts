export type AccountVerificationResult = 'MATCH' | 'NAME_MISMATCH' | 'UNKNOWN_ACCOUNT' | 'UNAVAILABLE';

export interface AccountVerificationAnswer {
  result: AccountVerificationResult;
  /** The recipient's result code or why nothing usable came back. */
  detail: string;
}

/** Port: is this settlement account held under this name? Never throws for an upstream outage: answers UNAVAILABLE. */
export abstract class SettlementAccountVerifier {
  abstract verify(request: { subjectId: string; accountName: string; accountNumber: string }): Promise<AccountVerificationAnswer>;
}
