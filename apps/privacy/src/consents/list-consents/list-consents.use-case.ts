import { Injectable } from '@nestjs/common';
import { consentsFrom, type Consent, type ConsentEvent } from '../consent.js';
import { ConsentLedgerRepository } from '../consent-ledger.repository.js';

@Injectable()
export class ListConsentsUseCase {
  constructor(private readonly ledger: ConsentLedgerRepository) {}

  async execute(subjectId: string): Promise<{ consents: Consent[]; history: ConsentEvent[] }> {
    const history = await this.ledger.history(subjectId);
    return { consents: consentsFrom(history), history };
  }
}
