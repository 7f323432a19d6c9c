import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { findPlaintextPii } from '#libs/pii';
import { CROSS_BORDER_PURPOSE, HOME_COUNTRY, type RecipientRegistry } from '#libs/sharing';
import { randomUUID } from 'node:crypto';
import { RECIPIENT_REGISTRY } from '../../registry/registry.tokens.js';
import type { Disclosure } from '../disclosure.js';
import { DisclosureRepository } from '../disclosure.repository.js';

export interface AuthorizeDisclosureCommand {
  subjectId: string;
  recipientId: string;
  purpose: string;
  fields: string[];
  requestedBy: string;
  references: Record<string, string>;
}

/**
 * The gate every outbound transfer passes: the recipient must be
 * registered, the purpose allowed for it, every field listed for that
 * purpose, and the legal basis in force (for consent: granted right now;
 * abroad: cross-border consent too). The disclosure and its audit entry are
 * written before the caller may send anything.
 */
@Injectable()
export class AuthorizeDisclosureUseCase {
  constructor(
    @Inject(RECIPIENT_REGISTRY) private readonly registry: RecipientRegistry,
    private readonly disclosures: DisclosureRepository,
  ) {}

  async execute(command: AuthorizeDisclosureCommand): Promise<Disclosure> {
    const recipient = this.registry.find(command.recipientId);
    if (!recipient) throw new DomainError('RECIPIENT_UNKNOWN', 'The recipient is not in the registry');
    const rule = this.registry.rule(recipient.id, command.purpose);
    if (!rule) throw new DomainError('PURPOSE_NOT_ALLOWED', `Recipient ${recipient.id} may not receive data for purpose ${command.purpose}`);
    const fields = [...new Set(command.fields)];
    const refused = fields.filter((field) => !rule.fields.includes(field));
    if (refused.length > 0) {
      throw new DomainError(
        'FIELD_NOT_ALLOWED',
        `Field ${refused[0]} may not be sent to ${recipient.id} for ${rule.purpose}`,
        refused.map((field) => ({ field, code: 'FIELD_NOT_ALLOWED', message: `${field} is not allowed for this recipient and purpose` })),
      );
    }
    if (findPlaintextPii(command.references).length > 0)
      throw new DomainError('AUDIT_PAYLOAD_CONTAINS_PII', 'References must be blind indexes or masked values');

    const consentPurposes = [...(rule.legalBasis === 'CONSENT' ? [rule.purpose] : []), ...(recipient.country !== HOME_COUNTRY ? [CROSS_BORDER_PURPOSE] : [])];
    const disclosure: Disclosure = {
      id: randomUUID(),
      subjectId: command.subjectId,
      recipientId: recipient.id,
      purpose: rule.purpose,
      legalBasis: rule.legalBasis,
      fields,
      requestedBy: command.requestedBy,
      references: command.references,
      authorizedAt: new Date(),
      billed: false,
    };
    const { missingConsent } = await this.disclosures.authorize(
      disclosure,
      {
        source: 'privacy',
        sourceId: `disclosure:${disclosure.id}:authorized`,
        type: 'DISCLOSURE_AUTHORIZED',
        actor: { type: 'service', id: command.requestedBy },
        subjectId: command.subjectId,
        payload: {
          disclosure_id: disclosure.id,
          recipient_id: recipient.id,
          recipient_country: recipient.country,
          purpose: rule.purpose,
          legal_basis: rule.legalBasis,
          // The references (blind indexes of the values sent) stay on the disclosure row, which
          // retention deletes when the subject's hold ends; the append-only log keeps none.
          fields,
        },
        occurredAt: disclosure.authorizedAt,
      },
      consentPurposes,
    );
    if (missingConsent) throw new DomainError('CONSENT_REQUIRED', `Consent for ${missingConsent} is required`);
    return disclosure;
  }
}
