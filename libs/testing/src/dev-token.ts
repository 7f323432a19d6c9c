import { SignJWT } from 'jose';

export interface DevTokenClaims {
  sub: string;
  roles: string[];
  merchantId?: string;
}

export interface DevTokenSigning {
  secret: string;
  issuer?: string;
  audience?: string;
  /** jose time span such as `12h`, or seconds since the epoch. */
  expiresAt?: string | number;
}

/** An HS256 token as the development gateway expects it. */
export async function signDevToken(claims: DevTokenClaims, signing: DevTokenSigning): Promise<string> {
  return new SignJWT({ roles: claims.roles, ...(claims.merchantId ? { merchant_id: claims.merchantId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(signing.issuer ?? 'kyc-dev-issuer')
    .setAudience(signing.audience ?? 'kyc-gateway')
    .setIssuedAt()
    .setExpirationTime(signing.expiresAt ?? '12h')
    .sign(new TextEncoder().encode(signing.secret));
}
