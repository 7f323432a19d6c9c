import { describe, expect, it } from 'vitest';
import { containsNeedle, findNeedles } from './plaintext-scan.js';

describe('plaintext scan', () => {
  it('finds a value as text and as the hex a bytea column prints', () => {
    expect(containsNeedle('name=张伟', '张伟')).toBe(true);
    expect(containsNeedle(`\\x00${Buffer.from('11010519491231002X').toString('hex').toUpperCase()}`, '11010519491231002X')).toBe(true);
    expect(containsNeedle('\\x0011', '11010519491231002X')).toBe(false);
  });

  it('names each needle and where it was found', () => {
    const texts = new Map([
      ['identity.sessions', `(1,${Buffer.from('13800138000').toString('hex')})`],
      ['risk.log', 'nothing here'],
    ]);
    expect(findNeedles(texts, [{ label: 'phone', value: '13800138000' }])).toEqual([{ needle: 'phone', where: 'identity.sessions' }]);
  });
});
