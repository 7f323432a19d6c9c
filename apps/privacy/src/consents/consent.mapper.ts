import type { Consent as ConsentMessage, ConsentEvent as ConsentEventMessage } from '#contracts/privacy';
import type { Consent, ConsentEvent } from './consent.js';

export function toConsentMessage(consent: Consent): ConsentMessage {
  return {
    id: consent.id,
    subjectId: consent.subjectId,
    purpose: consent.purpose,
    status: consent.status,
    policyVersion: consent.policyVersion,
    policyTextSha256: consent.policyTextSha256,
    channel: consent.channel,
    grantedAt: consent.grantedAt.toISOString(),
    withdrawnAt: consent.withdrawnAt?.toISOString(),
  };
}

export function toConsentEventMessage(event: ConsentEvent): ConsentEventMessage {
  return {
    id: event.id,
    purpose: event.purpose,
    action: event.action,
    policyVersion: event.policyVersion,
    channel: event.channel,
    occurredAt: event.occurredAt.toISOString(),
  };
}
