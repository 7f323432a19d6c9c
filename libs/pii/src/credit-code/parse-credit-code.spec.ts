import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from './credit-code-check-char.js';
import { isValidCreditCode, parseCreditCode } from './parse-credit-code.js';

// Independent formulation: the weight of position i is 3^(i-1) mod 31 and the
// check value v18 is the one that makes the weighted sum of all 18 values,
// with v18 weighted 1, divisible by 31.
const ALPHABET = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
function referenceCheckChar(first17: string): string {
  let weight = 1;
  let sum = 0;
  for (const ch of first17) {
    sum += ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  const found = ALPHABET.filter((_, v) => (sum + v) % 31 === 0);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const authorityAndType = fc.constantFrom(
  '11',
  '12',
  '13',
  '19',
  '21',
  '31',
  '34',
  '41',
  '51',
  '52',
  '53',
  '59',
  '61',
  '71',
  '81',
  '91',
  '92',
  '93',
  'A1',
  'A9',
  'N1',
  'N3',
  'Y1',
);
const codeChar = fc.constantFrom(...ALPHABET);
const body17 = fc
  .tuple(authorityAndType, fc.stringMatching(/^\d{6}$/), fc.array(codeChar, { minLength: 9, maxLength: 9 }))
  .map(([head, region, rest]) => `${head}${region}${rest.join('')}`);
const validCode = body17.map((body) => body + referenceCheckChar(body));

describe('creditCodeCheckChar', () => {
  it('agrees with the independent computation for any 17 charset characters', () => {
    fc.assert(
      fc.property(fc.array(codeChar, { minLength: 17, maxLength: 17 }), (chars) => {
        expect(creditCodeCheckChar(chars.join(''))).toBe(referenceCheckChar(chars.join('')));
      }),
    );
  });

  it('uses the GB 32100 charset without I, O, Z, S, V', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    for (const excluded of 'IOZSV') expect(CREDIT_CODE_CHARSET).not.toContain(excluded);
    expect(creditCodeCheckChar('91350100M000100YI')).toBeUndefined();
  });
});

describe('parseCreditCode', () => {
  it('accepts the published sample 91350100M000100Y43', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
      registrationAuthority: '9',
      orgType: '1',
      regionCode: '350100',
      warnings: [],
    });
  });

  it('normalises to upper case and trims', () => {
    expect(parseCreditCode(' 91350100m000100y43 ')).toMatchObject({ ok: true, value: '91350100M000100Y43' });
  });

  it('accepts generated valid codes', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(parseCreditCode(code)).toMatchObject({ ok: true, value: code, warnings: [] });
      }),
    );
  });

  it('rejects every single-character change of a valid code', () => {
    const mutation = validCode.chain((code) => fc.tuple(fc.constant(code), fc.integer({ min: 0, max: 17 }), codeChar));
    fc.assert(
      fc.property(mutation, ([code, position, replacement]) => {
        fc.pre(code[position] !== replacement);
        const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
        const result = parseCreditCode(mutated);
        if (result.ok) {
          // Only a collision could pass; weights are non-zero mod 31, so prove it really computes equal.
          expect(referenceCheckChar(mutated.slice(0, 17))).toBe(mutated[17]);
        }
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('rejects the characters the standard excludes, and letters in the region code', () => {
    for (const bad of ['91350100M000100I43', '91350100M000100O43', '9135010AM000100Y43', '91350100M000100Y4', '91350100M000100Y433']) {
      expect(parseCreditCode(bad)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('validates the registration authority character', () => {
    for (const head of ['B', 'C', 'H', 'M', 'X', '0']) {
      const body = `${head}1350100M000100Y4`;
      expect(parseCreditCode(body + referenceCheckChar(body))).toEqual({ ok: false, reason: 'REGISTRATION_AUTHORITY' });
    }
  });

  it('warns on an organisation type missing from the table instead of rejecting', () => {
    const body = '95350100M000100Y4';
    expect(parseCreditCode(body + referenceCheckChar(body))).toMatchObject({ ok: true, warnings: ['ORG_TYPE_UNLISTED'] });
  });

  it('accepts an allow-listed pilot code whose only fault is the check digit, with a warning', () => {
    const pilot = '91350100M000100Y44';
    expect(parseCreditCode(pilot)).toEqual({ ok: false, reason: 'CHECK_DIGIT' });
    expect(parseCreditCode(pilot.toLowerCase(), { pilotCodes: [pilot] })).toMatchObject({
      ok: true,
      value: pilot,
      warnings: ['CHECK_DIGIT_PILOT'],
    });
    expect(isValidCreditCode('91350100M000100Y45', { pilotCodes: [pilot] })).toBe(false);
    // Listing does not excuse other faults.
    expect(parseCreditCode('B1350100M000100Y44', { pilotCodes: ['B1350100M000100Y44'] })).toEqual({
      ok: false,
      reason: 'REGISTRATION_AUTHORITY',
    });
  });
});

describe('untyped input', () => {
  it('is a FORMAT rejection, not a crash', () => {
    expect(parseCreditCode(undefined as never)).toEqual({ ok: false, reason: 'FORMAT' });
  });
});
