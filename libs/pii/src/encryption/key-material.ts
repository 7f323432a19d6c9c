import { createSecretKey, type KeyObject } from 'node:crypto';
import { PiiError } from '../errors/pii-error.js';

// Buffer.from(x, 'base64') silently skips junk characters, which would turn a
// mangled key into a different (shorter or wrong) key instead of an error.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const KEY_LENGTH = 32;

/** Decodes a standard-base64 256-bit key (surrounding whitespace, e.g. a trailing newline from a secret file, is ignored). */
export function decodeKey(base64: string): KeyObject {
  if (typeof base64 !== 'string') throw new PiiError('PII_INVALID_KEY');
  const text = base64.trim();
  if (!STRICT_BASE64.test(text)) throw new PiiError('PII_INVALID_KEY');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== KEY_LENGTH) throw new PiiError('PII_INVALID_KEY');
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}
