import { createRemoteJWKSet, errors, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyInput } from 'jose';
import { webcrypto } from 'node:crypto';
import { DomainError } from '#libs/errors';
import { ROLES, type Caller, type Role } from './caller.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export interface TokenVerifierSettings {
  issuer: string;
  audience: string;
  /** HS256 shared secret (development, or an issuer that shares one). */
  secret?: string;
  /** PEM (SPKI) public key of the issuer. */
  publicKeyPem?: string;
  /** Algorithm of the public key, RS256 unless set. */
  publicKeyAlgorithm?: 'RS256' | 'ES256' | 'EdDSA';
  /** JWKS endpoint of the issuer. */
  jwksUrl?: string;
}

type Key = KeyInput | JWTVerifyGetKey;

const SUBJECT = /^[A-Za-z0-9._:@-]{1,128}$/;
/** A minute: a withdrawn issuer key stops working here within a minute, and a busy client verifies once a minute. */
const CACHE = { maxEntries: 10_000, ttlMs: 60_000 };

/**
 * Verifies bearer tokens and turns their claims into a Caller. Only claims
 * the token proves are trusted; anything malformed is TOKEN_INVALID.
 */
export class TokenVerifier {
  private readonly verified = new VerifiedTokenCache(CACHE);

  private constructor(
    private readonly key: Key,
    private readonly algorithms: string[],
    private readonly settings: TokenVerifierSettings,
  ) {}

  static async create(settings: TokenVerifierSettings): Promise<TokenVerifier> {
    if (settings.jwksUrl) return new TokenVerifier(createRemoteJWKSet(new URL(settings.jwksUrl)), ['RS256', 'ES256', 'EdDSA'], settings);
    if (settings.publicKeyPem) {
      const algorithm = settings.publicKeyAlgorithm ?? 'RS256';
      return new TokenVerifier(await importSPKI(settings.publicKeyPem, algorithm), [algorithm], settings);
    }
    if (settings.secret) {
      // Imported once: given raw bytes, jose imports a new key on every verify (a second crypto job per request).
      const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(settings.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      return new TokenVerifier(key, ['HS256'], settings);
    }
    throw new Error('No token verification key configured');
  }

  async verify(token: string): Promise<Caller> {
    const known = this.verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: this.algorithms,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new DomainError('TOKEN_EXPIRED', 'The token has expired');
      throw new DomainError('TOKEN_INVALID', 'The token is not valid');
    }
    const caller = toCaller(payload);
    // `exp` is required above, so every cached token still expires on time.
    this.verified.set(token, caller, payload.exp! * 1000);
    return caller;
  }
}

function toCaller(payload: JWTPayload): Caller {
  const roles = payload['roles'];
  const merchantId = payload['merchant_id'];
  if (typeof payload.sub !== 'string' || !SUBJECT.test(payload.sub)) throw new DomainError('TOKEN_INVALID', 'The token subject is not valid');
  if (!Array.isArray(roles) || !roles.every((role): role is Role => (ROLES as readonly unknown[]).includes(role))) {
    throw new DomainError('TOKEN_INVALID', 'The token roles are not valid');
  }
  if (merchantId !== undefined && (typeof merchantId !== 'string' || !SUBJECT.test(merchantId))) {
    throw new DomainError('TOKEN_INVALID', 'The token merchant_id is not valid');
  }
  return { subjectId: payload.sub, roles, ...(merchantId ? { merchantId } : {}) };
}
