import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPiiVault } from '#libs/pii';
import { listValueOf, parseNetwork } from './list-value.js';

const vault = createPiiVault({
  encryptionKeys: { k1: randomBytes(32).toString('base64') },
  currentKeyId: 'k1',
  blindIndexKey: randomBytes(32).toString('base64'),
});

describe('list values', () => {
  it('parses IPs and CIDRs of both families', () => {
    expect(parseNetwork('1.2.3.4')).toBe('1.2.3.4/32');
    expect(parseNetwork('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(parseNetwork('2408:8000::/32')).toBe('2408:8000::/32');
    expect(parseNetwork('::1')).toBe('::1/128');
    for (const bad of ['1.2.3.4/33', '1.2.3/24', 'x', '1.2.3.4/8/9', '::1/129', '1.2.3.4/-1', 'fe80::1%eth0']) expect(parseNetwork(bad)).toBeUndefined();
  });

  it('keeps only the blind index of ID numbers and cards', () => {
    expect(listValueOf('id_block', '11010519491231002x', vault)).toEqual({ blindIndex: vault.blindIndex('id_number', '11010519491231002X') });
    expect(listValueOf('card_block', '6222 0212 3456 7890 128', vault)).toEqual({ blindIndex: vault.blindIndex('bank_card', '6222021234567890128') });
    expect(() => listValueOf('card_block', '6222021234567890120', vault)).toThrow(expect.objectContaining({ code: 'LIST_VALUE_INVALID' }));
    expect(() => listValueOf('device_block', 'dv_123', vault)).toThrow(expect.objectContaining({ code: 'LIST_VALUE_INVALID' }));
  });
});
