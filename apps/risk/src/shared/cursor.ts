import { DomainError } from '#libs/errors';

/** Keyset position of a newest-first list: the last item's time and (UUID) id. */
export interface TimeCursor {
  at: Date;
  id: string;
}

export function encodeCursor(cursor: TimeCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.at.toISOString(), i: cursor.id })).toString('base64url');
}

/** Cursors are opaque to clients; anything we did not issue is INVALID_CURSOR, never a 500. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(raw: string | undefined): TimeCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { t?: unknown; i?: unknown };
    const at = typeof parsed.t === 'string' ? new Date(parsed.t) : undefined;
    if (at && !Number.isNaN(at.getTime()) && typeof parsed.i === 'string' && UUID.test(parsed.i)) return { at, id: parsed.i };
  } catch {
    // fall through
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not valid');
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Proto3 sends 0 for an unset limit. */
export function pageSize(limit: number | undefined): number {
  return limit && limit > 0 ? Math.min(limit, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}
