import { Injectable } from '@nestjs/common';
import { isWellFormedCardNumber } from '../formats/bank-card-format.js';
import { readIdNumber } from '../formats/id-number-format.js';
import { isResidentName } from '../formats/name-format.js';
import { isMainlandMobile } from '../formats/phone-format.js';
import { Clock } from '../runtime/clock.js';
import { CardNetwork } from '../world/card-network.js';
import type { BankCard4EVerificationRequest } from './bank-card-4e-verification.request.js';
import { bankCard4EAnswer, type BankCard4EResult, type BankCard4EVerificationAnswer } from './bank-card-4e-verification.results.js';

const STATUS_RESULTS: Record<'lost' | 'expired' | 'cnp-disabled', BankCard4EResult> = { lost: '-13', expired: '-14', 'cnp-disabled': '-7' };

/**
 * The card network's four-element check. Format checks first (not billed),
 * then the card itself (unknown, lost, expired, no card-not-present), then
 * the holder (name and ID number together: -1), then the reserved phone (-6).
 */
@Injectable()
export class BankCard4EVerificationUseCase {
  constructor(
    private readonly cards: CardNetwork,
    private readonly clock: Clock,
  ) {}

  execute(request: BankCard4EVerificationRequest): BankCard4EVerificationAnswer {
    if (!isResidentName(request.Name)) return bankCard4EAnswer('-2');
    const idNumber = readIdNumber(request.IdCard, this.clock.today());
    if (!idNumber) return bankCard4EAnswer('-3');
    if (!isWellFormedCardNumber(request.BankCard)) return bankCard4EAnswer('-4');
    if (!isMainlandMobile(request.Phone)) return bankCard4EAnswer('-5');

    const card = this.cards.find(request.BankCard);
    if (!card) return bankCard4EAnswer('-9');
    if (card.status !== 'active') return bankCard4EAnswer(STATUS_RESULTS[card.status]);
    if (card.holderName !== request.Name || card.holderIdNumber !== idNumber) return bankCard4EAnswer('-1');
    if (card.reservedPhone !== request.Phone) return bankCard4EAnswer('-6');
    return bankCard4EAnswer('0');
  }
}
