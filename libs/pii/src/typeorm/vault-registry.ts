import { PiiError } from '../errors/pii-error.js';
import type { PiiVault } from '../vault/pii-vault.js';

// Process-wide because TypeORM instantiates column transformers at import
// time (decorators run when the entity module loads), long before config and
// secrets are available; the transformers look the vault up on each call.
let registered: PiiVault | undefined;

/** Call once at boot, before any entity with an encrypted column is read or written. */
export function registerPiiVault(vault: PiiVault): void {
  if (registered && registered !== vault) throw new PiiError('PII_VAULT_ALREADY_REGISTERED');
  registered = vault;
}

/** For tests and graceful shutdown. */
export function unregisterPiiVault(): void {
  registered = undefined;
}

export function registeredPiiVault(): PiiVault {
  if (!registered) throw new PiiError('PII_VAULT_NOT_REGISTERED');
  return registered;
}
