import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PII_CLASSIFICATION, type MaskKind } from './classification.js';
import { createMasker, mask } from './mask.js';

const codePoints = (s: string) => Array.from(s);

describe('default masking rules', () => {
  it('masks each kind as specified', () => {
    expect(mask('bank_card', '6222021234567891234')).toBe('622202*********1234');
    expect(mask('bank_card', '6222020000001234')).toBe('622202******1234');
    expect(mask('mobile', '13812345678')).toBe('138****5678');
    expect(mask('id_number', '11010519491231002X')).toBe('1****************X');
    expect(mask('name', '李小明')).toBe('**明');
    expect(mask('name', '欧阳𠀾明')).toBe('***明');
    expect(mask('name', '𠀾𠀾')).toBe('*𠀾');
    expect(mask('email', 'abcd@example.com')).toBe('a***@example.com');
    expect(mask('face_image', 'data:image/png;base64,AAAA')).toBe('*'.repeat(26));
  });

  it('masks everything when the value is not longer than what the rule shows', () => {
    expect(mask('bank_card', '622')).toBe('***');
    expect(mask('bank_card', '6222021234')).toBe('**********');
    expect(mask('bank_card', '62220212345')).toBe('622202*2345');
    expect(mask('mobile', '1381234')).toBe('*******');
    expect(mask('name', '明')).toBe('*');
    expect(mask('id_number', 'X1')).toBe('**');
    expect(mask('email', 'a@example.com')).toBe('*@example.com');
    expect(mask('email', 'not-an-email')).toBe('************');
    expect(mask('email', '@example.com')).toBe('************');
    expect(mask('mobile', '')).toBe('');
  });

  it('records the JR/T 0171-2020 class of every kind', () => {
    expect(PII_CLASSIFICATION.face_image.class).toBe('C3');
    for (const kind of ['bank_card', 'id_number', 'mobile', 'name', 'email'] as const) {
      expect(PII_CLASSIFICATION[kind].class).toBe('C2');
    }
  });
});

describe('masking properties', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 40 });

  it('keeps the length in code points for card, ID number and mobile', () => {
    fc.assert(
      fc.property(fc.constantFrom<MaskKind>('bank_card', 'id_number', 'mobile', 'name'), anyText, (kind, value) => {
        expect(codePoints(mask(kind, value))).toHaveLength(codePoints(value).length);
      }),
    );
  });

  it('reveals only the rule positions, unchanged, and never more than keepStart + keepEnd characters', () => {
    const rule = fc.record({ keepStart: fc.nat(8), keepEnd: fc.nat(8) });
    const kind = fc.constantFrom<MaskKind>('bank_card', 'id_number', 'mobile', 'name', 'face_image');
    fc.assert(
      fc.property(kind, rule, anyText, (k, r, value) => {
        const masked = codePoints(createMasker({ [k]: { ...r, maskChar: '#' } }).mask(k, value));
        const input = codePoints(value);
        const shown = input.length > r.keepStart + r.keepEnd;
        masked.forEach((ch, i) => {
          const inWindow = i < r.keepStart || i >= input.length - r.keepEnd;
          expect(ch).toBe(shown && inWindow ? input[i] : '#');
        });
      }),
    );
  });

  it('keeps the domain of an email and masks the local part by the rule', () => {
    const email = fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }), fc.domain());
    fc.assert(
      fc.property(email, ([local, domain]) => {
        fc.pre(!local.includes('@'));
        const masked = mask('email', `${local}@${domain}`);
        expect(masked.endsWith(`@${domain}`)).toBe(true);
        const maskedLocal = masked.slice(0, masked.length - domain.length - 1);
        expect(maskedLocal).toHaveLength(local.length);
        expect(maskedLocal.slice(1)).toBe('*'.repeat(local.length - 1));
        expect(maskedLocal[0]).toBe(local.length > 1 ? local[0] : '*');
      }),
    );
  });
});

describe('createMasker', () => {
  it('applies per-kind overrides and keeps the other defaults', () => {
    const masker = createMasker({ bank_card: { keepStart: 0, keepEnd: 4, maskChar: '•' }, name: { keepStart: 1 } });
    expect(masker.mask('bank_card', '6222020000001234')).toBe('••••••••••••1234');
    expect(masker.mask('name', '李小明')).toBe('李*明');
    expect(masker.mask('mobile', '13812345678')).toBe('138****5678');
    expect(masker.ruleFor('name')).toEqual({ keepStart: 1, keepEnd: 1, maskChar: '*' });
  });

  it('rejects invalid rules and unknown kinds with coded errors', () => {
    for (const bad of [{ keepStart: -1 }, { keepEnd: 1.5 }, { maskChar: '**' }, { maskChar: '' }]) {
      expect(() => createMasker({ mobile: bad })).toThrowError(expect.objectContaining({ code: 'PII_INVALID_MASK_RULE' }));
    }
    expect(() => createMasker({ passport: { keepStart: 1 } } as never)).toThrowError(expect.objectContaining({ code: 'PII_UNKNOWN_KIND' }));
    expect(() => mask('passport' as MaskKind, 'x')).toThrowError(expect.objectContaining({ code: 'PII_UNKNOWN_KIND' }));
    expect(() => mask('mobile', null as never)).toThrowError(expect.objectContaining({ code: 'PII_INVALID_PLAINTEXT' }));
  });
});
