import { Injectable } from '@nestjs/common';
import { readIdNumber } from '../formats/id-number-format.js';
import { isResidentName } from '../formats/name-format.js';
import { Clock } from '../runtime/clock.js';
import { AuthorityDatabase } from '../world/authority-database.js';
import type { IdCardVerificationRequest } from './id-card-verification.request.js';
import { idCardAnswer, type IdCardVerificationAnswer } from './id-card-verification.results.js';

/** The authority's two-element check: does this name go with this ID number? */
@Injectable()
export class IdCardVerificationUseCase {
  constructor(
    private readonly authority: AuthorityDatabase,
    private readonly clock: Clock,
  ) {}

  execute(request: IdCardVerificationRequest): IdCardVerificationAnswer {
    const idNumber = readIdNumber(request.IdCard, this.clock.today());
    if (!idNumber) return idCardAnswer('-2');
    if (!isResidentName(request.Name)) return idCardAnswer('-3');
    const record = this.authority.find(idNumber);
    if (!record) return idCardAnswer('-5');
    return idCardAnswer(record.name === request.Name ? '0' : '-1');
  }
}
