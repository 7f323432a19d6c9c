import { isIP } from 'node:net';
import { DomainError } from '#libs/errors';
import { parseBankCard, parseIdNumber, type PiiVault } from '#libs/pii';
import { LIST_VALUE_KIND, type ListName } from './list-names.js';

export const DEVICE_ID = /^dv_[a-z2-7]{24}$/;

/** An IP is a /32 (or /128) network; a CIDR keeps its prefix. Host bits are cleared by the database. */
export function parseNetwork(raw: string): string | undefined {
  const [address, prefix, ...rest] = raw.trim().split('/');
  if (rest.length > 0 || !address || !/^[0-9A-Fa-f:.]+$/.test(address)) return undefined;
  const family = isIP(address);
  if (family === 0) return undefined;
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return undefined;
  return `${address}/${Number(prefix)}`;
}

/**
 * What a list keeps for an analyst's input: the device id, the network, or
 * for ID numbers and cards only the blind index (the number itself is
 * validated, indexed and dropped).
 */
export function listValueOf(list: ListName, raw: string, vault: PiiVault): { value?: string; blindIndex?: string } {
  const invalid = (what: string): DomainError =>
    new DomainError('LIST_VALUE_INVALID', `The value is not a valid ${what}`, [
      { field: 'value', code: 'LIST_VALUE_INVALID', message: `value must be a valid ${what}` },
    ]);
  switch (LIST_VALUE_KIND[list]) {
    case 'device':
      if (!DEVICE_ID.test(raw)) throw invalid('device id (dv_…)');
      return { value: raw };
    case 'network': {
      const network = parseNetwork(raw);
      if (!network) throw invalid('IP address or CIDR');
      return { value: network };
    }
    case 'id_number': {
      const parsed = parseIdNumber(raw);
      if (!parsed.ok) throw invalid('resident ID number');
      return { blindIndex: vault.blindIndex('id_number', parsed.value) };
    }
    case 'bank_card': {
      const parsed = parseBankCard(raw);
      if (!parsed.ok) throw invalid('card number');
      return { blindIndex: vault.blindIndex('bank_card', parsed.value) };
    }
  }
}
