import type { FindOptionsWhere } from 'typeorm';
import type { BlindIndexKind } from '../blind-index/normalisers.js';
import { PiiError } from '../errors/pii-error.js';
import { encryptedColumnsOf } from './encrypted-column-registry.js';
import { registeredPiiVault } from './vault-registry.js';

/** The blind index of `value` under the registered vault: what `<column>_bidx` holds for that plaintext. */
export function blindIndexFor(kind: BlindIndexKind, value: string): string {
  return registeredPiiVault().blindIndex(kind, value);
}

/**
 * A `where` that finds rows whose encrypted `property` equals `value`:
 * `repo.findOneBy(blindIndexWhere(KycSession, 'idNumber', input))`.
 * Combine with other conditions by spreading it into a larger object.
 */
export function blindIndexWhere<T extends object>(
  entity: abstract new (...args: never[]) => T,
  property: keyof T & string,
  value: string,
): FindOptionsWhere<T> {
  const spec = encryptedColumnsOf(entity).find((s) => s.propertyName === property);
  if (!spec?.blindIndex) throw new PiiError('PII_NO_BLIND_INDEX');
  return { [spec.blindIndex.propertyName]: blindIndexFor(spec.kind, value) } as FindOptionsWhere<T>;
}
