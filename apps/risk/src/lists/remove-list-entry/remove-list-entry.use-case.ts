import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { auditActorOf, type Caller } from '../../shared/caller.js';
import { blindIndexPrefix, type ListEntry } from '../list-entry.js';
import { ListEntryRepository } from '../list-entry.repository.js';
import type { ListName } from '../list-names.js';

@Injectable()
export class RemoveListEntryUseCase {
  constructor(private readonly entries: ListEntryRepository) {}

  async execute(caller: Caller, list: ListName, entryId: string): Promise<ListEntry> {
    const removed = await this.entries.remove(list, entryId, caller.subjectId, (entry) => ({
      type: 'LIST_ENTRY_REMOVED',
      actor: auditActorOf(caller),
      payload: {
        list: entry.list,
        entry_id: entry.id,
        ...(entry.value ? { value: entry.value } : {}),
        ...(entry.blindIndex ? { blind_index_prefix: blindIndexPrefix(entry.blindIndex) } : {}),
      },
    }));
    if (!removed) throw new DomainError('LIST_ENTRY_NOT_FOUND', 'No such entry in this list');
    return removed;
  }
}
