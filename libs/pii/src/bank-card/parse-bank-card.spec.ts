import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLuhnValid, luhnCheckDigit } from './luhn.js';
import { isUnionPay, isValidBankCard, parseBankCard } from './parse-bank-card.js';

// Independent Luhn: doubled digits looked up in a table, processed left to right.
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
function referenceCheckDigit(payload: string): string {
  const n = payload.length + 1;
  let sum = 0;
  [...payload].forEach((ch, i) => {
    const fromRight = n - 1 - i; // position counted from the right, check digit = 0
    sum += fromRight % 2 === 1 ? DOUBLED[Number(ch)]! : Number(ch);
  });
  return String((10 - (sum % 10)) % 10);
}

const payload = fc.stringMatching(/^\d{12,18}$/);
const validCard = payload.map((p) => p + referenceCheckDigit(p));

describe('Luhn', () => {
  it('matches the known test numbers', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
    expect(isLuhnValid('4111a11111111111')).toBe(false);
  });

  it('agrees with the independent check digit', () => {
    fc.assert(
      fc.property(payload, (p) => {
        expect(luhnCheckDigit(p)).toBe(referenceCheckDigit(p));
      }),
    );
  });
});

describe('parseBankCard', () => {
  it('accepts a computed UnionPay test number and flags it', () => {
    const card = `622202123456789012${referenceCheckDigit('622202123456789012')}`;
    expect(card).toHaveLength(19);
    expect(parseBankCard(card)).toEqual({ ok: true, value: card, unionPay: true });
    expect(isUnionPay(card)).toBe(true);
  });

  it('accepts Visa test numbers as non-UnionPay and rejects a bad check digit', () => {
    expect(parseBankCard('4111111111111111')).toEqual({ ok: true, value: '4111111111111111', unionPay: false });
    expect(parseBankCard('4111111111111112')).toEqual({ ok: false, reason: 'CHECK_DIGIT' });
  });

  it('strips spaces and dashes', () => {
    expect(parseBankCard(' 4111 1111-1111 1111 ')).toMatchObject({ ok: true, value: '4111111111111111' });
  });

  it('accepts generated valid cards of 13-19 digits', () => {
    fc.assert(
      fc.property(validCard, (card) => {
        expect(parseBankCard(card)).toEqual({ ok: true, value: card, unionPay: card.startsWith('62') });
      }),
    );
  });

  it('rejects any single-digit change (Luhn catches all of them)', () => {
    const mutation = validCard.chain((card) => fc.tuple(fc.constant(card), fc.integer({ min: 0, max: card.length - 1 }), fc.integer({ min: 0, max: 9 })));
    fc.assert(
      fc.property(mutation, ([card, position, digit]) => {
        fc.pre(card[position] !== String(digit));
        expect(isValidBankCard(card.slice(0, position) + digit + card.slice(position + 1))).toBe(false);
      }),
    );
  });

  it('rejects wrong lengths and non-digits as FORMAT', () => {
    const twelve = `41111111111${referenceCheckDigit('41111111111')}`;
    const twenty = `4111111111111111111${referenceCheckDigit('4111111111111111111')}`;
    for (const bad of [twelve, twenty, '4111x11111111111', '', '4111.1111.1111.1111']) {
      expect(parseBankCard(bad)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });
});

describe('untyped input', () => {
  it('is a FORMAT rejection, not a crash', () => {
    expect(parseBankCard(undefined as never)).toEqual({ ok: false, reason: 'FORMAT' });
  });
});
