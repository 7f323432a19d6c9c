import type { Disclosure as DisclosureMessage } from '#contracts/privacy';
import type { RecipientRegistry } from '#libs/sharing';
import type { Disclosure } from './disclosure.js';

export function toDisclosureMessage(disclosure: Disclosure, registry: RecipientRegistry): DisclosureMessage {
  const recipient = registry.find(disclosure.recipientId);
  return {
    id: disclosure.id,
    subjectId: disclosure.subjectId,
    recipientId: disclosure.recipientId,
    recipientName: recipient?.legalEntity ?? disclosure.recipientId,
    recipientCountry: recipient?.country ?? '',
    purpose: disclosure.purpose,
    legalBasis: disclosure.legalBasis,
    fields: disclosure.fields,
    requestedBy: disclosure.requestedBy,
    authorizedAt: disclosure.authorizedAt.toISOString(),
    completedAt: disclosure.completedAt?.toISOString(),
    outcome: disclosure.outcome,
    billed: disclosure.billed,
    latencyMs: disclosure.latencyMs,
    resultCode: disclosure.resultCode,
  };
}
