import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { findPlaintextPii, PiiVault } from '#libs/pii';
import { auditActorOf, type Caller } from '../../shared/caller.js';
import { Clock } from '../../shared/clock.js';
import { blindIndexPrefix, type ListEntry } from '../list-entry.js';
import { ListEntryRepository } from '../list-entry.repository.js';
import type { ListName } from '../list-names.js';
import { listValueOf } from '../list-value.js';

export interface AddListEntryCommand {
  list: ListName;
  value: string;
  reason: string;
  expiresAt?: Date;
}

@Injectable()
export class AddListEntryUseCase {
  constructor(
    private readonly entries: ListEntryRepository,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, command: AddListEntryCommand): Promise<ListEntry> {
    // The reason is free text that reaches staff screens: refuse it if it holds an ID number, card or phone.
    if (findPlaintextPii(command.reason).length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'The reason must not contain personal data', [
        { field: 'reason', code: 'CONTAINS_PERSONAL_DATA', message: 'reason must not contain ID numbers, cards, phone numbers or e-mail addresses' },
      ]);
    }
    if (command.expiresAt && command.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new DomainError('VALIDATION_FAILED', 'The expiry must be in the future', [
        { field: 'expires_at', code: 'IN_THE_PAST', message: 'expires_at must be in the future' },
      ]);
    }
    const { value, blindIndex } = listValueOf(command.list, command.value, this.vault);
    return this.entries.add(
      { list: command.list, value, blindIndex, reason: command.reason, expiresAt: command.expiresAt, createdBy: caller.subjectId },
      (entry) => ({
        type: 'LIST_ENTRY_ADDED',
        actor: auditActorOf(caller),
        payload: {
          list: entry.list,
          entry_id: entry.id,
          ...(entry.value ? { value: entry.value } : {}),
          ...(entry.blindIndex ? { blind_index_prefix: blindIndexPrefix(entry.blindIndex) } : {}),
          ...(entry.expiresAt ? { expires_at: entry.expiresAt.toISOString() } : {}),
        },
      }),
    );
  }
}
