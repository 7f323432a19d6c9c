export {
  CONSENT_PURPOSES,
  NON_CONSENT_PURPOSES,
  DISCLOSURE_PURPOSES,
  LEGAL_BASES,
  CROSS_BORDER_PURPOSE,
  HOME_COUNTRY,
  isConsentPurpose,
  type ConsentPurpose,
  type DisclosurePurpose,
  type LegalBasis,
} from './registry/purposes.js';
export type { Recipient, RecipientEndpoint, RecipientPurposeRule, RecipientRegistry } from './registry/recipient.js';
export { loadRecipientRegistry, buildRegistry, RegistryError } from './registry/load-recipient-registry.js';
export {
  AuditedAdapter,
  UpstreamUnavailableError,
  type AdapterDependencies,
  type SendOptions,
  type Payload,
  type FieldValue,
} from './adapter/audited-adapter.js';
export type { Interpretation, DisclosureOutcome } from './adapter/disclosure-outcome.js';
export type { DisclosureAuthority } from './adapter/privacy-port.js';
export { createHttpTransport, TransportError, type HttpTransport, type WireRequest, type WireResponse } from './http/http-transport.js';
