import { DomainError, registerErrorCodes } from '#libs/errors';
import type { Caller } from '../edge/auth/caller.js';

registerErrorCodes({ MERCHANT_ID_REQUIRED: 'FORBIDDEN' });

/** Merchant routes act for the merchant the token names, and only that one. */
export function merchantIdOf(caller: Caller): string {
  if (!caller.merchantId) throw new DomainError('MERCHANT_ID_REQUIRED', 'The token carries no merchant_id');
  return caller.merchantId;
}
