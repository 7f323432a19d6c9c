import { signDevToken } from '#libs/testing';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenVerifier } from './token-verifier.js';

const secret = 'x'.repeat(40);
const settings = { issuer: 'kyc-dev-issuer', audience: 'kyc-gateway', secret };

describe('TokenVerifier', () => {
  it('accepts a valid development token and returns the caller', async () => {
    const verifier = await TokenVerifier.create(settings);
    const token = await signDevToken({ sub: 'm-user-1', roles: ['merchant'], merchantId: 'm-1' }, { secret });
    await expect(verifier.verify(token)).resolves.toEqual({ subjectId: 'm-user-1', roles: ['merchant'], merchantId: 'm-1' });
  });

  it('refuses expired tokens, wrong keys, wrong audiences and unknown roles with distinct codes', async () => {
    const verifier = await TokenVerifier.create(settings);
    await expect(
      verifier.verify(await signDevToken({ sub: 'u', roles: ['user'] }, { secret, expiresAt: Math.floor(Date.now() / 1000) - 60 })),
    ).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await expect(verifier.verify(await signDevToken({ sub: 'u', roles: ['user'] }, { secret: 'y'.repeat(40) }))).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(verifier.verify(await signDevToken({ sub: 'u', roles: ['user'] }, { secret, audience: 'other' }))).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(verifier.verify(await signDevToken({ sub: 'u', roles: ['superuser'] }, { secret }))).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(verifier.verify('not.a.token')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('answers a repeated token from its cache, and still refuses it once it has expired', async () => {
    const verifier = await TokenVerifier.create(settings);
    const expiresAt = Math.floor(Date.now() / 1000) + 1;
    const token = await signDevToken({ sub: 'm-user-1', roles: ['merchant'], merchantId: 'm-1' }, { secret, expiresAt });
    const caller = { subjectId: 'm-user-1', roles: ['merchant'], merchantId: 'm-1' };
    await expect(verifier.verify(token)).resolves.toEqual(caller);
    await expect(verifier.verify(token)).resolves.toEqual(caller);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('verifies RS256 tokens with the issuer public key, and refuses HS256 tokens then', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const verifier = await TokenVerifier.create({ issuer: 'https://idp.example', audience: 'kyc-gateway', publicKeyPem: await exportSPKI(publicKey) });
    const token = await new SignJWT({ roles: ['risk_analyst'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('analyst-7')
      .setIssuer('https://idp.example')
      .setAudience('kyc-gateway')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier.verify(token)).resolves.toMatchObject({ subjectId: 'analyst-7', roles: ['risk_analyst'] });
    await expect(verifier.verify(await signDevToken({ sub: 'u', roles: ['admin'] }, { secret, issuer: 'https://idp.example' }))).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
  });
});
