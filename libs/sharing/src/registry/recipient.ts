import type { DisclosurePurpose, LegalBasis } from './purposes.js';

export interface RecipientEndpoint {
  /** `http` posts JSON to `url`; `dynamic` posts to a per-call URL (webhooks); `subject` hands data to the data subject. */
  kind: 'http' | 'dynamic' | 'subject';
  url?: string;
  timeoutMs: number;
  /** Safe to retry: the recipient treats a repeat as the same request and does not bill twice. */
  idempotent: boolean;
  /** PEM file of the CA that signs the recipient's certificate, when not a public one (`http` endpoints only). */
  caFile?: string;
  /** The certificates of `caFile`, read and checked once when the registry is loaded: the only CAs trusted for this recipient. */
  ca?: string;
}

export interface RecipientPurposeRule {
  purpose: DisclosurePurpose;
  legalBasis: LegalBasis;
  /** The exact logical fields this recipient may receive for this purpose. */
  fields: string[];
}

export interface Recipient {
  id: string;
  legalEntity: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  endpoint: RecipientEndpoint;
  /** Logical field name → name on the wire, for fields whose wire name differs. */
  fieldMap: Record<string, string>;
  purposes: RecipientPurposeRule[];
}

export interface RecipientRegistry {
  recipients: Recipient[];
  find(id: string): Recipient | undefined;
  rule(recipientId: string, purpose: string): RecipientPurposeRule | undefined;
}
