import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { randomUUID } from 'node:crypto';
import { consentsFrom, type Consent, type ConsentEvent } from '../consent.js';
import { ConsentLedgerRepository } from '../consent-ledger.repository.js';

export interface WithdrawConsentCommand {
  subjectId: string;
  purpose: string;
  channel: string;
  /** Who withdrew: the user, or the system closing an account. */
  actor?: { type: 'user' | 'system'; id: string };
}

/**
 * A withdrawal is a new ledger row; the grant stays as it was. It takes
 * effect at once: disclosure checks read the ledger under the same lock.
 */
@Injectable()
export class WithdrawConsentUseCase {
  constructor(private readonly ledger: ConsentLedgerRepository) {}

  async execute(command: WithdrawConsentCommand): Promise<Consent> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const grant = await this.ledger.latest(command.subjectId, command.purpose);
      if (grant?.action !== 'GRANT') throw new DomainError('CONSENT_NOT_FOUND', 'There is no active consent for this purpose');
      const withdrawal: ConsentEvent = { ...grant, id: randomUUID(), action: 'WITHDRAW', channel: command.channel, grantId: grant.id, occurredAt: new Date() };
      const audit = {
        source: 'privacy',
        sourceId: `consent:${withdrawal.id}`,
        type: 'CONSENT_WITHDRAWN',
        actor: command.actor ?? { type: 'user' as const, id: command.subjectId },
        subjectId: command.subjectId,
        payload: { consent_id: grant.id, purpose: grant.purpose, policy_version: grant.policyVersion, channel: command.channel },
        occurredAt: withdrawal.occurredAt,
      };
      if (await this.ledger.append(withdrawal, audit, grant.id)) return consentsFrom([grant, withdrawal])[0]!;
    }
    throw new DomainError('CONFLICT', 'The consent changed concurrently; retry');
  }
}
