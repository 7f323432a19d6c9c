import type { ListEntry as ListEntryMessage } from '#contracts/risk';
import type { ListEntry } from './list-entry.js';

export function toListEntryMessage(entry: ListEntry, now: Date): ListEntryMessage {
  return {
    id: entry.id,
    list: entry.list,
    value: entry.value,
    blindIndexPrefix: entry.blindIndex?.slice(0, 12),
    reason: entry.reason,
    expiresAt: entry.expiresAt?.toISOString(),
    createdAt: entry.createdAt.toISOString(),
    createdBy: entry.createdBy,
    expired: entry.expiresAt !== undefined && entry.expiresAt.getTime() <= now.getTime(),
  };
}
