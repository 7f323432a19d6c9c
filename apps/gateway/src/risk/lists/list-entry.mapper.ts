import type { ListEntry } from '#contracts/risk';
import type { ListEntryView } from './list-entry.dto.js';

export function toListEntryView(entry: ListEntry): ListEntryView {
  return {
    id: entry.id,
    list: entry.list,
    value: entry.value ?? null,
    blind_index_prefix: entry.blindIndexPrefix ?? null,
    reason: entry.reason,
    expires_at: entry.expiresAt ?? null,
    expired: entry.expired,
    created_at: entry.createdAt,
    created_by: entry.createdBy,
  };
}
