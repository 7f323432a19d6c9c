import { AuditedAdapter, type Interpretation, type WireResponse } from '#libs/sharing';
import type { UpstreamAnswer } from '../../sessions/verdict.js';
import { interpretTencent } from './tencent-envelope.js';

export interface CardNetworkPayload {
  [field: string]: string;
  card_number: string;
  name: string;
  id_number: string;
  phone: string;
}

/** Result codes of the bank-card four-element check (BankCard4EVerification). */
const RESULTS = {
  '0': { result: 'MATCH' },
  '-1': { result: 'MISMATCH', reasonCode: 'CARD_MISMATCH' },
  '-6': { result: 'MISMATCH', reasonCode: 'PHONE_MISMATCH' },
  '-9': { result: 'NO_RECORD', reasonCode: 'CARD_NO_RECORD' },
  '-13': { result: 'REJECTED', reasonCode: 'CARD_LOST' },
  '-14': { result: 'REJECTED', reasonCode: 'CARD_EXPIRED' },
  '-7': { result: 'REJECTED', reasonCode: 'CARD_NOT_ENABLED' },
  '-2': { result: 'REJECTED', reasonCode: 'NAME_INVALID' },
  '-3': { result: 'REJECTED', reasonCode: 'ID_NUMBER_INVALID' },
  '-4': { result: 'REJECTED', reasonCode: 'CARD_NUMBER_INVALID' },
  '-5': { result: 'REJECTED', reasonCode: 'PHONE_INVALID' },
} as const;

/** The card network: do this card, name, ID number and reserved phone belong together? */
export class CardNetworkAdapter extends AuditedAdapter<CardNetworkPayload, UpstreamAnswer> {
  readonly recipientId = 'card-network';
  readonly purpose = 'bank_card_verification' as const;

  protected interpret(response: WireResponse): Interpretation<UpstreamAnswer> {
    return interpretTencent(response, RESULTS);
  }
}
