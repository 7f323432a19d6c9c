import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { isConsentPurpose } from '#libs/sharing';
import { randomUUID } from 'node:crypto';
import { PolicyCatalogue } from '../../policies/policy-catalogue.js';
import { consentsFrom, type Consent, type ConsentEvent } from '../consent.js';
import { ConsentLedgerRepository } from '../consent-ledger.repository.js';

export interface GrantConsentCommand {
  subjectId: string;
  purpose: string;
  policyVersion: string;
  policyTextSha256?: string;
  channel: string;
}

@Injectable()
export class GrantConsentUseCase {
  constructor(
    private readonly ledger: ConsentLedgerRepository,
    private readonly policies: PolicyCatalogue,
  ) {}

  async execute(command: GrantConsentCommand): Promise<Consent> {
    if (!isConsentPurpose(command.purpose))
      throw new DomainError('PURPOSE_UNKNOWN', 'Unknown consent purpose', [
        { field: 'purpose', code: 'PURPOSE_UNKNOWN', message: 'purpose is not a consent purpose' },
      ]);
    const policy = this.policies.find(command.policyVersion);
    if (!policy)
      throw new DomainError('POLICY_VERSION_UNKNOWN', 'Unknown privacy policy version', [
        { field: 'policy_version', code: 'POLICY_VERSION_UNKNOWN', message: 'policy_version is not a published version' },
      ]);
    if (command.policyTextSha256 && command.policyTextSha256 !== policy.textSha256) {
      throw new DomainError('POLICY_TEXT_MISMATCH', 'The policy text shown is not the published text of that version');
    }
    // A concurrent grant or withdrawal makes the append report a stale view; read again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const latest = await this.ledger.latest(command.subjectId, command.purpose);
      if (latest?.action === 'GRANT' && latest.policyVersion === policy.version) return consentsFrom([latest])[0]!;
      const event: ConsentEvent = {
        id: randomUUID(),
        subjectId: command.subjectId,
        purpose: command.purpose,
        action: 'GRANT',
        policyVersion: policy.version,
        policyTextSha256: policy.textSha256,
        channel: command.channel,
        occurredAt: new Date(),
      };
      const audit = {
        source: 'privacy',
        sourceId: `consent:${event.id}`,
        type: 'CONSENT_GRANTED',
        actor: { type: 'user' as const, id: command.subjectId },
        subjectId: command.subjectId,
        payload: {
          consent_id: event.id,
          purpose: event.purpose,
          policy_version: event.policyVersion,
          policy_text_sha256: event.policyTextSha256,
          channel: event.channel,
        },
        occurredAt: event.occurredAt,
      };
      if (await this.ledger.append(event, audit, latest?.id)) return consentsFrom([event])[0]!;
    }
    throw new DomainError('CONFLICT', 'The consent changed concurrently; retry');
  }
}
