import type { Caller } from './caller.js';

export interface VerifiedTokenCacheOptions {
  maxEntries: number;
  /** Longest a verified token is trusted without checking its signature again. */
  ttlMs: number;
}

/**
 * Callers of tokens already verified, by the token's exact text, until the
 * token expires or the TTL passes, whichever comes first. A client sends the
 * same token on every request, and verifying its signature each time was a
 * tenth of the gateway's CPU (a WebCrypto job per request). The TTL bounds how
 * long a key the issuer withdrew from its JWKS keeps working here.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly options: VerifiedTokenCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Caller | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return copy(entry.caller);
  }

  /** `expiresAtMs`: the token's own `exp`. When full, the oldest entry makes room. */
  set(token: string, caller: Caller, expiresAtMs: number): void {
    if (this.entries.size >= this.options.maxEntries && !this.entries.has(token)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(token, { caller: copy(caller), until: Math.min(expiresAtMs, this.now() + this.options.ttlMs) });
  }
}

/** Each request gets its own Caller: nothing a handler does to one can leak into the next. */
function copy(caller: Caller): Caller {
  return { ...caller, roles: [...caller.roles] };
}
