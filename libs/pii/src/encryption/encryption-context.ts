import { PiiError } from '../errors/pii-error.js';

/** Where a ciphertext lives. Bound into the AAD so a value copied to another column does not decrypt. */
export interface EncryptionContext {
  /** e.g. `identity.kyc_sessions` */
  readonly table: string;
  /** The logical column, e.g. `id_number` (not the physical `id_number_enc`). */
  readonly column: string;
}

function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(bytes.length);
  return Buffer.concat([prefix, bytes]);
}

/**
 * Length prefixes keep the encoding injective: ("a.b", "c") and ("a", "b.c")
 * must not produce the same bytes.
 */
export function encodeContext(context: EncryptionContext): Buffer {
  const table: unknown = context?.table;
  const column: unknown = context?.column;
  const valid = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && Buffer.byteLength(s, 'utf8') <= 0xffff;
  if (!valid(table) || !valid(column)) throw new PiiError('PII_INVALID_CONTEXT');
  return Buffer.concat([lengthPrefixed(table), lengthPrefixed(column)]);
}
