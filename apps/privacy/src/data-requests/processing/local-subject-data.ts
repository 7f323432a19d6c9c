import { Inject, Injectable } from '@nestjs/common';
import { ListConsentsUseCase } from '../../consents/list-consents/list-consents.use-case.js';
import { WithdrawConsentUseCase } from '../../consents/withdraw-consent/withdraw-consent.use-case.js';
import { ListDisclosuresUseCase } from '../../disclosures/list-disclosures/list-disclosures.use-case.js';
import type { Disclosure } from '../../disclosures/disclosure.js';
import { SubjectHoldRepository } from '../../retention/subject-hold.repository.js';
import type { HeldCategory } from './subject-data.gateway.js';

export const LEGAL_HOLD_YEARS = Symbol('LegalHoldYears');

/** The privacy service's own part of a request: consents and the record of who received the data. */
@Injectable()
export class LocalSubjectData {
  constructor(
    private readonly consents: ListConsentsUseCase,
    private readonly withdraw: WithdrawConsentUseCase,
    private readonly disclosures: ListDisclosuresUseCase,
    private readonly holds: SubjectHoldRepository,
    @Inject(LEGAL_HOLD_YEARS) private readonly holdYears: number,
  ) {}

  /**
   * Privacy keeps the consent history, the disclosure records and the
   * requests themselves: they are the evidence that the data was handled
   * lawfully. Closing the account starts the hold; the sweeper deletes them
   * when it ends.
   */
  async erase(subjectId: string, mode: 'DELETE' | 'CLOSE_ACCOUNT'): Promise<{ deleted: number; anonymised: number; held: HeldCategory[] }> {
    let hold = await this.holds.find(subjectId);
    if (mode === 'CLOSE_ACCOUNT' && !hold) {
      const endedAt = new Date();
      const holdUntil = new Date(endedAt);
      holdUntil.setUTCFullYear(holdUntil.getUTCFullYear() + this.holdYears);
      hold = await this.holds.closeRelationship(subjectId, endedAt, holdUntil);
    }
    const basis = `Accountability records of consent and disclosure (PIPL arts. 14, 54; AML Law): kept ${this.holdYears} years after the relationship ends`;
    const holdUntil = hold?.holdUntil.toISOString();
    const { history } = await this.consents.execute(subjectId);
    const disclosures = await this.allDisclosures(subjectId);
    return {
      deleted: 0,
      anonymised: 0,
      held: [
        { category: 'consent_records', legalBasis: basis, records: history.length, ...(holdUntil ? { holdUntil } : {}) },
        { category: 'disclosure_records', legalBasis: basis, records: disclosures.length, ...(holdUntil ? { holdUntil } : {}) },
      ],
    };
  }

  private async allDisclosures(subjectId: string): Promise<Disclosure[]> {
    const shared: Disclosure[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.disclosures.execute(subjectId, 500, cursor);
      shared.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return shared;
  }

  async export(subjectId: string): Promise<Record<string, unknown>> {
    const { consents, history } = await this.consents.execute(subjectId);
    const shared = await this.allDisclosures(subjectId);
    return {
      consents: consents.map((consent) => ({
        purpose: consent.purpose,
        status: consent.status,
        policy_version: consent.policyVersion,
        channel: consent.channel,
        granted_at: consent.grantedAt,
        withdrawn_at: consent.withdrawnAt,
      })),
      consent_history: history.map((event) => ({
        purpose: event.purpose,
        action: event.action,
        policy_version: event.policyVersion,
        channel: event.channel,
        at: event.occurredAt,
      })),
      disclosures: shared.map((disclosure) => ({
        recipient: disclosure.recipientId,
        purpose: disclosure.purpose,
        legal_basis: disclosure.legalBasis,
        fields: disclosure.fields,
        at: disclosure.authorizedAt,
        outcome: disclosure.outcome ?? null,
      })),
    };
  }

  /** Withdraws every consent still granted; returns how many. */
  async withdrawAll(subjectId: string): Promise<number> {
    const { consents } = await this.consents.execute(subjectId);
    const granted = [...new Set(consents.filter((consent) => consent.status === 'GRANTED').map((consent) => consent.purpose))];
    for (const purpose of granted) await this.withdraw.execute({ subjectId, purpose, channel: 'api', actor: { type: 'system', id: 'data-request' } });
    return granted.length;
  }
}
