import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMobile, parseMobile } from './parse-mobile.js';

describe('parseMobile', () => {
  it('accepts the usual written forms and normalises to 11 digits', () => {
    for (const input of ['13812345678', '+86 138 1234 5678', '86-13812345678', '008613812345678', '+86-138-1234-5678', ' (+86) 13812345678 ']) {
      expect(parseMobile(input)).toEqual({ ok: true, value: '13812345678' });
    }
  });

  it('accepts prefixes 13x-19x and rejects 10x-12x', () => {
    for (const second of '3456789') expect(isValidMobile(`1${second}812345678`)).toBe(true);
    for (const second of '012') expect(parseMobile(`1${second}812345678`)).toEqual({ ok: false, reason: 'PREFIX' });
    expect(parseMobile('23812345678')).toEqual({ ok: false, reason: 'PREFIX' });
  });

  it('rejects wrong lengths and foreign country codes', () => {
    for (const bad of ['1381234567', '138123456789', '+85 13812345678', '+1 13812345678', '13812a45678', '']) {
      expect(parseMobile(bad)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('recovers the same number from any combination of country prefix and separators', () => {
    const number = fc.stringMatching(/^1[3-9]\d{9}$/);
    const prefix = fc.constantFrom('', '+86', '86', '0086', '+86 ', '86-');
    const separator = fc.constantFrom('', ' ', '-');
    fc.assert(
      fc.property(number, prefix, separator, (n, p, s) => {
        const written = `${p}${n.slice(0, 3)}${s}${n.slice(3, 7)}${s}${n.slice(7)}`;
        expect(parseMobile(written)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('untyped input', () => {
  it('is a FORMAT rejection, not a crash', () => {
    expect(parseMobile(undefined as never)).toEqual({ ok: false, reason: 'FORMAT' });
  });
});
