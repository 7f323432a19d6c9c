import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'X-KYC-Signature';
export const EVENT_ID_HEADER = 'X-KYC-Event-Id';

const hmac = (secret: string, timestamp: number, body: string): string => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * Signs the exact bytes sent. The timestamp is inside the signed text, so a
 * captured delivery cannot be replayed later with a fresh time.
 */
export function signatureHeaders(secret: string, body: string, eventId: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [SIGNATURE_HEADER]: `t=${timestamp},v1=${hmac(secret, timestamp, body)}`, [EVENT_ID_HEADER]: eventId };
}

/**
 * What a receiver does (docs/merchant.md has the same in a few lines): parse
 * the header, refuse a timestamp outside the tolerance, recompute the HMAC
 * over "<t>.<raw body>" and compare in constant time.
 */
export function verifySignature(header: string | undefined, body: string, secret: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts['t']);
  const signature = parts['v1'];
  if (!Number.isSafeInteger(timestamp) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(hmac(secret, timestamp, body), 'hex'));
}
