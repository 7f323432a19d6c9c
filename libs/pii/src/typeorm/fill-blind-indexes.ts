import { PiiError } from '../errors/pii-error.js';
import { encryptedColumnsOf } from './encrypted-column-registry.js';
import { registeredPiiVault } from './vault-registry.js';

/**
 * Sets `<property>Bidx` from `<property>` on an entity or a plain value set
 * about to be written. A plaintext that is absent (`undefined`) is not being
 * written, so its stored index is left alone.
 */
export function fillBlindIndexes(entityClass: unknown, values: unknown): void {
  if (typeof entityClass !== 'function' || typeof values !== 'object' || values === null) return;
  const record = values as Record<string, unknown>;
  for (const spec of encryptedColumnsOf(entityClass)) {
    if (!spec.blindIndex) continue;
    const plaintext = record[spec.propertyName];
    if (plaintext === undefined) continue;
    if (plaintext !== null && typeof plaintext !== 'string') throw new PiiError('PII_INVALID_PLAINTEXT');
    record[spec.blindIndex.propertyName] = plaintext === null ? null : registeredPiiVault().blindIndex(spec.kind, plaintext);
  }
}
