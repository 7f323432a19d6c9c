import type { ListName } from './list-names.js';

export interface ListEntry {
  id: string;
  list: ListName;
  /** Device id, or the network (CIDR) for ip_block. */
  value?: string;
  /** For id_block and card_block: the HMAC blind index, the only form the number is kept in. */
  blindIndex?: string;
  reason: string;
  expiresAt?: Date;
  createdAt: Date;
  createdBy: string;
}

export interface NewListEntry {
  list: ListName;
  /** Device id or IP/CIDR (ip_block), when the list keeps the value. */
  value?: string;
  blindIndex?: string;
  reason: string;
  expiresAt?: Date;
  createdBy: string;
}

/** Audit payloads carry only a 12-character prefix of a blind index: enough to match, never a long digit run. */
export function blindIndexPrefix(blindIndex: string): string {
  return blindIndex.slice(0, 12);
}
