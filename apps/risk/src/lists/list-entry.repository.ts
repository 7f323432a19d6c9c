import type { AuditRecord } from '#libs/audit';
import type { TimeCursor } from '../shared/cursor.js';
import type { ListEntry, NewListEntry } from './list-entry.js';
import type { ListName } from './list-names.js';

/** Port: block and allow list entries. Removal is soft: the entry keeps who removed it and when. */
export abstract class ListEntryRepository {
  /** Adds the entry and its audit entry in one transaction; LIST_ENTRY_EXISTS if the value is already listed. */
  abstract add(entry: NewListEntry, audit: (entry: ListEntry) => AuditRecord): Promise<ListEntry>;

  /** Undefined when no active entry with that id is in that list. */
  abstract remove(list: ListName, id: string, removedBy: string, audit: (entry: ListEntry) => AuditRecord): Promise<ListEntry | undefined>;

  /** Active (not removed) entries, newest first, including expired ones (flagged by the caller). */
  abstract list(list: ListName, limit: number, after?: TimeCursor): Promise<ListEntry[]>;
}
