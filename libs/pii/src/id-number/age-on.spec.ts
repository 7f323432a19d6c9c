import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PiiError } from '../errors/pii-error.js';
import { ageOn, sexOf } from './age-on.js';
import { idNumberCheckChar } from './id-number-check-char.js';

const id = (birth: string, seq = '123') => {
  const body = `110105${birth}${seq}`;
  return body + idNumberCheckChar(body);
};

describe('ageOn', () => {
  it('counts full years, turning a year older exactly on the birthday', () => {
    expect(ageOn('1990-05-15', '2020-05-14')).toBe(29);
    expect(ageOn('1990-05-15', '2020-05-15')).toBe(30);
    expect(ageOn('1990-05-15', '2020-12-31')).toBe(30);
    expect(ageOn('1990-05-15', '1990-05-15')).toBe(0);
  });

  it('reads the birth date from an ID number', () => {
    expect(ageOn('11010519491231002X', '2019-12-30')).toBe(69);
    expect(ageOn('11010519491231002x', '2019-12-31')).toBe(70);
  });

  it('ages a 29 February birth on 1 March in common years and on 29 February in leap years', () => {
    const leapling = id('20000229');
    expect(ageOn(leapling, '2001-02-28')).toBe(0);
    expect(ageOn(leapling, '2001-03-01')).toBe(1);
    expect(ageOn(leapling, '2004-02-28')).toBe(3);
    expect(ageOn(leapling, '2004-02-29')).toBe(4);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
  });

  it('reads a Date in China time', () => {
    // 2020-05-14T16:00Z is midnight of 15 May in Beijing.
    expect(ageOn('1990-05-15', new Date('2020-05-14T16:00:00Z'))).toBe(30);
    expect(ageOn('1990-05-15', new Date('2020-05-14T15:59:59Z'))).toBe(29);
  });

  it('is y - birthYear on the birthday and one less the day before (property)', () => {
    const birthday = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(birthday, fc.integer({ min: 1, max: 120 }), (birth, years) => {
        const iso = birth.toISOString().slice(0, 10);
        fc.pre(!iso.endsWith('02-29'));
        const anniversary = `${String(birth.getUTCFullYear() + years).padStart(4, '0')}${iso.slice(4)}`;
        const dayBefore = new Date(Date.parse(`${anniversary}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        expect(ageOn(iso, anniversary)).toBe(years);
        expect(ageOn(iso, dayBefore)).toBe(years - 1);
      }),
    );
  });

  it('throws coded errors for dates before birth and invalid input', () => {
    expect(() => ageOn('1990-05-15', '1990-05-14')).toThrowError(expect.objectContaining({ code: 'PII_DATE_BEFORE_BIRTH' }));
    expect(() => ageOn('110105194912310021', '2020-01-01')).toThrowError(expect.objectContaining({ code: 'PII_INVALID_ID_NUMBER' }));
    expect(() => ageOn('1990-02-30', '2020-01-01')).toThrowError(expect.objectContaining({ code: 'PII_INVALID_ID_NUMBER' }));
    expect(() => ageOn('1990-05-15', '2020/01/01')).toThrowError(expect.objectContaining({ code: 'PII_INVALID_DATE' }));
  });
});

describe('sexOf', () => {
  it('is M for an odd 17th digit and F for an even one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (seq) => {
        const s = String(seq).padStart(3, '0');
        expect(sexOf(id('19800101', s))).toBe(seq % 2 === 1 ? 'M' : 'F');
      }),
    );
    expect(sexOf('11010519491231002X')).toBe('F');
  });

  it('throws PII_INVALID_ID_NUMBER without echoing the value', () => {
    const bad = '110105194912310021';
    try {
      sexOf(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PiiError);
      expect((e as PiiError).code).toBe('PII_INVALID_ID_NUMBER');
      expect((e as PiiError).message).not.toContain(bad);
    }
  });
});
