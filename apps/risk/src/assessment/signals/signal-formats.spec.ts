import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '#libs/pii';
import fc from 'fast-check';
import { isValidImei, isValidTimeZone, isZeroIdentifier } from './signal-formats.js';
import { riskyAppCategories } from './risky-app-catalog.js';

describe('signal formats', () => {
  it('accepts an IMEI only with its Luhn check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14}$/), (body) => {
        const check = luhnCheckDigit(body);
        expect(isValidImei(body + check)).toBe(true);
        expect(isValidImei(body + ((Number(check) + 1) % 10))).toBe(false);
      }),
    );
    expect(isValidImei('49015420323751')).toBe(false);
  });

  it('recognises the all-zero OAID/IDFV of limited ad tracking', () => {
    expect(isZeroIdentifier('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(isZeroIdentifier('0000000000000000')).toBe(true);
    expect(isZeroIdentifier('00000000-0000-0000-0000-000000000001')).toBe(false);
  });

  it('accepts IANA zones only', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone("'; DROP TABLE x")).toBe(false);
  });

  it('groups risky apps into categories', () => {
    expect(riskyAppCategories(['com.topjohnwu.magisk', 'com.lbe.parallel.intl', 'com.example.x', 'COM.LEXA.FAKEGPS'])).toEqual([
      'root_tool',
      'app_cloner',
      'gps_spoofer',
      'other',
    ]);
  });
});
