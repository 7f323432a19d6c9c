import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeaders, verifySignature } from './webhook-signature.js';

const secret = 'whsec_0123456789abcdef0123456789';
const body = JSON.stringify({ event_id: 'e-1', status: 'IN_REVIEW' });
const now = new Date('2026-11-22T08:00:00Z');

describe('webhook signatures', () => {
  it('signs "<unix seconds>.<body>" with HMAC-SHA-256, as documented', () => {
    const headers = signatureHeaders(secret, body, 'e-1', now);
    const t = Math.floor(now.getTime() / 1000);
    expect(headers[SIGNATURE_HEADER]).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`);
    expect(headers[EVENT_ID_HEADER]).toBe('e-1');
  });

  it('verifies its own signatures and refuses a changed body, another secret or a stale timestamp', () => {
    const header = signatureHeaders(secret, body, 'e-1', now)[SIGNATURE_HEADER];
    expect(verifySignature(header, body, secret, now)).toBe(true);
    expect(verifySignature(header, body.replace('IN_REVIEW', 'APPROVED'), secret, now)).toBe(false);
    expect(verifySignature(header, body, `${secret}x`, now)).toBe(false);
    expect(verifySignature(header, body, secret, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifySignature(undefined, body, secret, now)).toBe(false);
    expect(verifySignature('t=abc,v1=zz', body, secret, now)).toBe(false);
  });

  it('round-trips any body and secret (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 16 }), (anyBody, anySecret) => {
        expect(verifySignature(signatureHeaders(anySecret, anyBody, 'e', now)[SIGNATURE_HEADER], anyBody, anySecret, now)).toBe(true);
      }),
    );
  });
});
