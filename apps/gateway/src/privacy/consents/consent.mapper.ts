import type { Consent, ConsentEvent } from '#contracts/privacy';
import type { ConsentEventView, ConsentView } from './consent.dto.js';

export const toConsentView = (consent: Consent): ConsentView => ({
  id: consent.id,
  purpose: consent.purpose,
  status: consent.status,
  policy_version: consent.policyVersion,
  policy_text_sha256: consent.policyTextSha256,
  channel: consent.channel,
  granted_at: consent.grantedAt,
  ...(consent.withdrawnAt ? { withdrawn_at: consent.withdrawnAt } : {}),
});

export const toConsentEventView = (event: ConsentEvent): ConsentEventView => ({
  id: event.id,
  purpose: event.purpose,
  action: event.action,
  policy_version: event.policyVersion,
  channel: event.channel,
  occurred_at: event.occurredAt,
});
