import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PiiError } from '../errors/pii-error.js';
import { idNumberCheckChar } from './id-number-check-char.js';
import { isValidIdNumber, parseIdNumber } from './parse-id-number.js';
import { ID_NUMBER_PROVINCE_CODES } from './province-codes.js';

// Independent ISO 7064 MOD 11-2: the full 18-character number, with X = 10 and
// weights 2^(18-i) mod 11, must sum to 1 (mod 11). Search for the character that does it.
function referenceCheckChar(first17: string): string {
  const weightedSum = (chars: string) => [...chars].reduce((sum, ch, i) => sum + (ch === 'X' ? 10 : Number(ch)) * (2 ** (17 - i) % 11), 0);
  const found = [...'0123456789X'].filter((c) => weightedSum(first17 + c) % 11 === 1);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const TODAY = '2025-06-15';
const provinces = [...ID_NUMBER_PROVINCE_CODES];

const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');
const birthDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }).map(ymd);
const body17 = fc
  .tuple(fc.constantFrom(...provinces), fc.stringMatching(/^\d{4}$/), birthDate, fc.stringMatching(/^\d{3}$/))
  .map(([province, area, birth, seq]) => `${province}${area}${birth}${seq}`);
const validIdNumber = body17.map((body) => body + referenceCheckChar(body));

describe('idNumberCheckChar', () => {
  it('agrees with the independent MOD 11-2 computation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (body) => {
        expect(idNumberCheckChar(body)).toBe(referenceCheckChar(body));
      }),
    );
  });

  it('rejects anything but 17 digits with a coded error', () => {
    expect(() => idNumberCheckChar('1234')).toThrowError(expect.objectContaining({ code: 'PII_INVALID_ID_NUMBER' }));
  });
});

describe('parseIdNumber', () => {
  it('accepts the published sample 11010519491231002X', () => {
    expect(parseIdNumber('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      provinceCode: '11',
    });
  });

  it('accepts generated valid numbers and reports their birth date and sex', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const parsed = parseIdNumber(id, { today: TODAY });
        expect(parsed).toEqual({
          ok: true,
          value: id,
          birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
          provinceCode: id.slice(0, 2),
        });
      }),
    );
  });

  it('rejects every single-character change of a valid number', () => {
    const mutation = validIdNumber.chain((id) => fc.tuple(fc.constant(id), fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789XAx ')));
    fc.assert(
      fc.property(mutation, ([id, position, replacement]) => {
        fc.pre(id[position] !== replacement && !(position === 17 && id[17] === 'X' && replacement === 'x'));
        const mutated = id.slice(0, position) + replacement + id.slice(position + 1);
        // MOD 11-2 weights are all non-zero mod 11 and digits differ by < 11, so no substitution can collide.
        expect(parseIdNumber(mutated, { today: TODAY }).ok).toBe(false);
      }),
    );
  });

  it('normalises lower-case x and surrounding whitespace', () => {
    expect(parseIdNumber('  11010519491231002x\n', { today: TODAY })).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ', { today: TODAY })).toMatchObject({ ok: true });
  });

  const withBirth = (province: string, birth: string) => {
    const body = `${province}0105${birth}123`;
    return body + referenceCheckChar(body);
  };

  it('handles 29 February in leap and common years', () => {
    expect(parseIdNumber(withBirth('11', '20000229'), { today: TODAY })).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseIdNumber(withBirth('11', '20040229'), { today: TODAY })).toMatchObject({ ok: true });
    expect(parseIdNumber(withBirth('11', '19000229'), { today: TODAY })).toEqual({ ok: false, reason: 'BIRTH_DATE' });
    expect(parseIdNumber(withBirth('11', '20230229'), { today: TODAY })).toEqual({ ok: false, reason: 'BIRTH_DATE' });
  });

  it('rejects impossible and out-of-range birth dates', () => {
    for (const birth of ['20000230', '20001301', '20000100', '20000431', '18991231']) {
      expect(parseIdNumber(withBirth('11', birth), { today: TODAY })).toEqual({ ok: false, reason: 'BIRTH_DATE' });
    }
    expect(parseIdNumber(withBirth('11', '19000101'), { today: TODAY }).ok).toBe(true);
  });

  it('rejects birth dates after today, and today is a China calendar day', () => {
    expect(parseIdNumber(withBirth('11', '20250615'), { today: TODAY }).ok).toBe(true);
    expect(parseIdNumber(withBirth('11', '20250616'), { today: TODAY })).toEqual({ ok: false, reason: 'BIRTH_DATE' });
    // 16:30 UTC on 1 March is already 2 March in Beijing.
    expect(parseIdNumber(withBirth('11', '20240302'), { today: new Date('2024-03-01T16:30:00Z') }).ok).toBe(true);
    expect(parseIdNumber(withBirth('11', '20240302'), { today: new Date('2024-03-01T15:30:00Z') }).ok).toBe(false);
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000);
    expect(isValidIdNumber(withBirth('11', ymd(tomorrow)))).toBe(false);
  });

  it('checks the province prefix against the real list', () => {
    for (const province of ['10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '70', '72', '80', '84', '91', '99']) {
      expect(parseIdNumber(withBirth(province, '19800101'), { today: TODAY })).toEqual({ ok: false, reason: 'PROVINCE' });
    }
    for (const province of ['15', '23', '37', '46', '54', '65', '71', '81', '82', '83']) {
      expect(parseIdNumber(withBirth(province, '19800101'), { today: TODAY }).ok).toBe(true);
    }
  });

  it('reports the reason for each kind of failure', () => {
    expect(parseIdNumber('1101051949123100', { today: TODAY })).toEqual({ ok: false, reason: 'FORMAT' });
    expect(parseIdNumber('110105194912310029X', { today: TODAY })).toEqual({ ok: false, reason: 'FORMAT' });
    expect(parseIdNumber('1101051949123100X2', { today: TODAY })).toEqual({ ok: false, reason: 'FORMAT' });
    expect(parseIdNumber('110105194912310021', { today: TODAY })).toEqual({ ok: false, reason: 'CHECK_DIGIT' });
  });

  it('throws a coded error without the value for a malformed today', () => {
    const err = (() => {
      try {
        parseIdNumber('11010519491231002X', { today: '2025-02-30' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PiiError);
    expect(err).toMatchObject({ code: 'PII_INVALID_DATE' });
  });
});

describe('untyped input', () => {
  it('is a FORMAT rejection, not a crash', () => {
    expect(parseIdNumber(undefined as never)).toEqual({ ok: false, reason: 'FORMAT' });
    expect(parseIdNumber(11010519491231 as never)).toEqual({ ok: false, reason: 'FORMAT' });
  });
});
