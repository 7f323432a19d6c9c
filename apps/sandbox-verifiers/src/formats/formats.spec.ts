import { describe, expect, it } from 'vitest';
import { isWellFormedCardNumber } from './bank-card-format.js';
import { readIdNumber } from './id-number-format.js';
import { isResidentName } from './name-format.js';
import { isMainlandMobile } from './phone-format.js';

const TODAY = new Date('2026-01-15T00:00:00Z');

describe('readIdNumber', () => {
  it('accepts the GB 11643 example number and upper-cases its x', () => {
    expect(readIdNumber('11010519491231002X', TODAY)).toBe('11010519491231002X');
    expect(readIdNumber('11010519491231002x', TODAY)).toBe('11010519491231002X');
  });

  it('rejects a wrong check character, province, date, shape or a future birth', () => {
    expect(readIdNumber('110105194912310021', TODAY)).toBeUndefined();
    expect(readIdNumber('99010519491231002X', TODAY)).toBeUndefined();
    expect(readIdNumber('110105194902300020', TODAY)).toBeUndefined();
    expect(readIdNumber('11010519491231002', TODAY)).toBeUndefined();
    expect(readIdNumber(' 11010519491231002X', TODAY)).toBeUndefined();
    // Born 2026-01-16: 2026-01-15T16:00Z is already that day in China (UTC+8), a second earlier is not.
    const first17 = '11010520260116123';
    const withCheck = (['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'] as const)
      .map((c) => first17 + c)
      .find((id) => readIdNumber(id, new Date('2026-01-15T16:00:00Z')));
    expect(withCheck).toBeDefined();
    expect(readIdNumber(withCheck!, new Date('2026-01-15T15:59:59Z'))).toBeUndefined();
  });
});

describe('isWellFormedCardNumber', () => {
  it('accepts Luhn-valid 12-19 digit numbers only', () => {
    expect(isWellFormedCardNumber('4111111111111111')).toBe(true);
    expect(isWellFormedCardNumber('4111111111111112')).toBe(false);
    expect(isWellFormedCardNumber('6212 2640 0000 0000')).toBe(false);
    expect(isWellFormedCardNumber('00000000000')).toBe(false);
  });
});

describe('isMainlandMobile', () => {
  it('accepts 1[3-9] followed by nine digits', () => {
    expect(isMainlandMobile('13800138000')).toBe(true);
    expect(isMainlandMobile('12800138000')).toBe(false);
    expect(isMainlandMobile('+8613800138000')).toBe(false);
  });
});

describe('isResidentName', () => {
  it('accepts Han names, with middle dots only between characters', () => {
    expect(isResidentName('张伟')).toBe(true);
    expect(isResidentName('阿依古丽·买买提')).toBe(true);
    expect(isResidentName('张')).toBe(false);
    expect(isResidentName('·张伟')).toBe(false);
    expect(isResidentName('张··伟')).toBe(false);
    expect(isResidentName('Zhang Wei')).toBe(false);
    expect(isResidentName('张 伟')).toBe(false);
  });
});
