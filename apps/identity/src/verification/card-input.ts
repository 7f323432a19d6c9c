import { parseBankCard, parseMobile } from '#libs/pii';

export type CardInput = { ok: true; cardNumber: string; phone: string } | { ok: false; reasonCode: 'CARD_NUMBER_INVALID' | 'PHONE_INVALID' };

/** Luhn and length for the card, a mainland mobile for the reserved phone; both in their normal forms. */
export function parseCardInput(cardNumber: string, phone: string): CardInput {
  const card = parseBankCard(cardNumber);
  if (!card.ok) return { ok: false, reasonCode: 'CARD_NUMBER_INVALID' };
  const mobile = parseMobile(phone);
  if (!mobile.ok) return { ok: false, reasonCode: 'PHONE_INVALID' };
  return { ok: true, cardNumber: card.value, phone: mobile.value };
}
