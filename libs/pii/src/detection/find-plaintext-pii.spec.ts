import { describe, expect, it } from 'vitest';
import { findPlaintextPii } from './find-plaintext-pii.js';

describe('findPlaintextPii', () => {
  it('finds valid ID numbers, Luhn-valid cards, mobiles and e-mails wherever they sit', () => {
    const hits = findPlaintextPii({ a: '11010519491231002X', b: ['card 4111111111111111'], c: { d: '+86 13812345678' }, e: 'x@example.com' });
    expect(hits).toEqual([
      { path: '$.a', kind: 'id_number' },
      { path: '$.b[0]', kind: 'bank_card' },
      { path: '$.c.d', kind: 'mobile' },
      { path: '$.e', kind: 'email' },
    ]);
  });

  it('never flags a hex digest, whatever digit runs it contains (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { createHash } = await import('node:crypto');
    fc.assert(
      fc.property(fc.string(), (input) => findPlaintextPii({ bidx: createHash('sha256').update(input).digest('hex') }).length === 0),
      { numRuns: 2000 },
    );
    expect(findPlaintextPii({ bidx: 'ab13812345678cd' + 'e'.repeat(49) })).toEqual([]);
  });

  it('lets masked values, blind indexes and ordinary numbers through', () => {
    const clean = {
      masked: { id_number: '1****************X', card: '622202******1234', phone: '138****5678', email: 'a***@example.com' },
      bidx: 'a'.repeat(64),
      timestamp: '1732233600000',
      invalidId: '110105194912310021',
    };
    expect(findPlaintextPii(clean)).toEqual([]);
  });
});
