import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, pageSize } from '../../shared/cursor.js';
import type { ListEntry } from '../list-entry.js';
import { ListEntryRepository } from '../list-entry.repository.js';
import type { ListName } from '../list-names.js';

export interface ListEntriesPage {
  items: ListEntry[];
  nextCursor?: string;
}

@Injectable()
export class ListEntriesUseCase {
  constructor(private readonly entries: ListEntryRepository) {}

  async execute(list: ListName, limit: number | undefined, cursor: string | undefined): Promise<ListEntriesPage> {
    const size = pageSize(limit);
    // One extra row tells whether another page exists without a count query.
    const rows = await this.entries.list(list, size + 1, decodeCursor(cursor));
    const items = rows.slice(0, size);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > size && last ? encodeCursor({ at: last.createdAt, id: last.id }) : undefined };
  }
}
