import { PiiError } from '../errors/pii-error.js';

/**
 * Layout (all stored as one `bytea`):
 *
 *   offset 0      version      1 byte  (0x01)
 *   offset 1      key id len   1 byte  (L, 1..64)
 *   offset 2      key id       L bytes (ASCII [A-Za-z0-9._-])
 *   offset 2+L    nonce        12 bytes (random per value)
 *   offset 14+L   ciphertext   n bytes (n = UTF-8 length of the plaintext)
 *   end-16        GCM tag      16 bytes
 *
 * The AAD is the header (version, key id len, key id) followed by the
 * length-prefixed table and column names, so neither the key id nor the
 * version can be swapped without failing authentication.
 */
export const FORMAT_VERSION = 1;
export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;

export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export interface CiphertextParts {
  readonly keyId: string;
  /** version + key id length + key id: the part of the AAD carried in the ciphertext. */
  readonly header: Buffer;
  readonly nonce: Buffer;
  readonly body: Buffer;
  readonly tag: Buffer;
}

export function buildHeader(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  return Buffer.concat([Buffer.from([FORMAT_VERSION, id.length]), id]);
}

export function parseCiphertext(input: Uint8Array): CiphertextParts {
  if (!(input instanceof Uint8Array) || input.length < 2) throw new PiiError('PII_MALFORMED_CIPHERTEXT');
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] !== FORMAT_VERSION) throw new PiiError('PII_UNSUPPORTED_CIPHERTEXT_VERSION');

  const keyIdLength = bytes[1]!;
  const headerLength = 2 + keyIdLength;
  if (bytes.length < headerLength + NONCE_LENGTH + TAG_LENGTH) throw new PiiError('PII_MALFORMED_CIPHERTEXT');

  const keyId = bytes.subarray(2, headerLength).toString('latin1');
  if (!KEY_ID_PATTERN.test(keyId)) throw new PiiError('PII_MALFORMED_CIPHERTEXT');

  const nonceEnd = headerLength + NONCE_LENGTH;
  return {
    keyId,
    header: bytes.subarray(0, headerLength),
    nonce: bytes.subarray(headerLength, nonceEnd),
    body: bytes.subarray(nonceEnd, bytes.length - TAG_LENGTH),
    tag: bytes.subarray(bytes.length - TAG_LENGTH),
  };
}
