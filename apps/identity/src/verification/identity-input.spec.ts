import { idNumberCheckChar } from '#libs/pii';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUnderAge, normaliseName, parseIdentityInput } from './identity-input.js';

const TODAY = new Date('2026-06-18T04:00:00Z'); // noon in China
const withCheck = (first17: string): string => first17 + idNumberCheckChar(first17);

describe('identity input', () => {
  it('accepts Han names, with a middle dot between parts, and normalises look-alike dots and spaces', () => {
    expect(normaliseName(' 张伟 ')).toBe('张伟');
    expect(normaliseName('阿依古丽·买买提')).toBe('阿依古丽·买买提');
    expect(normaliseName('阿依古丽•买买提')).toBe('阿依古丽·买买提');
    for (const bad of ['Zhang Wei', '张', '·张伟', '张伟·', '张 伟', '张伟1', '', '张'.repeat(31)]) expect(normaliseName(bad)).toBeUndefined();
  });

  it('rejects malformed ID numbers before anything else, and normalises a lower-case x', () => {
    expect(parseIdentityInput('张伟', '110105199003077590', TODAY)).toEqual({ ok: false, reasonCode: 'ID_NUMBER_INVALID' });
    expect(parseIdentityInput('Zhang Wei', '110105199003077590', TODAY)).toEqual({ ok: false, reasonCode: 'ID_NUMBER_INVALID' });
    expect(parseIdentityInput('Zhang Wei', '110105199003077593', TODAY)).toEqual({ ok: false, reasonCode: 'NAME_INVALID' });
    expect(parseIdentityInput('李娜', '44030519920815668x', TODAY)).toMatchObject({ ok: true, idNumber: '44030519920815668X', birthDate: '1992-08-15' });
  });

  it('never accepts a number whose check character is wrong', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 10 }), (serial, wrong) => {
        const valid = withCheck(`11010519900307${String(serial).padStart(3, '0').slice(0, 3)}`);
        const chars = '0123456789X';
        const replaced = valid.slice(0, 17) + chars[wrong]!;
        const parsed = parseIdentityInput('张伟', replaced, TODAY);
        expect(parsed.ok).toBe(replaced === valid);
      }),
    );
  });

  it('is under age until the 18th birthday, in China time', () => {
    expect(isUnderAge('2008-06-19', TODAY, 18)).toBe(true);
    expect(isUnderAge('2008-06-18', TODAY, 18)).toBe(false);
    // 20:00 UTC on the 17th is already the 18th in China.
    expect(isUnderAge('2008-06-18', new Date('2026-06-17T20:00:00Z'), 18)).toBe(false);
    expect(isUnderAge('2008-06-18', new Date('2026-06-17T15:00:00Z'), 18)).toBe(true);
    expect(isUnderAge('2012-06-18', TODAY, 14)).toBe(false);
  });
});
