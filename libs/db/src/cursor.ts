import { DomainError, registerErrorCodes } from '#libs/errors';

registerErrorCodes({ CURSOR_INVALID: 'INVALID_INPUT' });

/** Opaque list cursors: base64url JSON of the last row's sort key. Callers must not parse them. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, keys: readonly K[], formats: Partial<Record<K, RegExp>> = {}): Record<K, string> {
  try {
    if (cursor.length > 512) throw new Error('too long');
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const out = {} as Record<K, string>;
    for (const key of keys) {
      const value = parsed[key];
      if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`missing ${key}`);
      // A forged value would otherwise restart the list (empty) or fail later in SQL (wrong type).
      if (String(value) === '' || !(formats[key]?.test(String(value)) ?? true)) throw new Error(`malformed ${key}`);
      out[key] = String(value);
    }
    return out;
  } catch {
    throw new DomainError('CURSOR_INVALID', 'The cursor is not valid', [
      { field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is not a cursor this list returned' },
    ]);
  }
}

/** Page sizes: default 50, at most 500 (shared/API.md). */
export function pageSize(limit: number | undefined): number {
  if (!limit || limit < 1) return 50;
  return Math.min(limit, 500);
}
