import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { BillingRow } from '../disclosure.js';
import { DisclosureRepository } from '../disclosure.repository.js';

const MAX_DAYS = 366;

/** Billed upstream calls per recipient per day (China time): what the providers will invoice. */
@Injectable()
export class BillingReportUseCase {
  constructor(private readonly disclosures: DisclosureRepository) {}

  execute(fromDate: string, toDate: string): Promise<BillingRow[]> {
    const days = (Date.parse(toDate) - Date.parse(fromDate)) / 86_400_000;
    if (!(days >= 0 && days <= MAX_DAYS))
      throw new DomainError('VALIDATION_FAILED', `The range must run forward and span at most ${MAX_DAYS} days`, [
        { field: 'to', code: 'RANGE_INVALID', message: 'to must not be before from, within a year' },
      ]);
    return this.disclosures.billing(fromDate, toDate);
  }
}
