/** What happened to one transfer, as recorded by CompleteDisclosure. */
export type DisclosureOutcome = 'DELIVERED' | 'REJECTED_BY_RECIPIENT' | 'FAILED' | 'UNAVAILABLE' | 'NOT_SENT';

/** How an adapter reads a recipient's answer. */
export interface Interpretation<T> {
  result: T;
  outcome: DisclosureOutcome;
  billed: boolean;
  /** The recipient's short result code, never data. */
  resultCode?: string;
}
