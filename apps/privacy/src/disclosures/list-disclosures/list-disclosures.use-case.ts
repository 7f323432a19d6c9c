import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, pageSize } from '#libs/db';
import type { Disclosure } from '../disclosure.js';
import { DisclosureRepository } from '../disclosure.repository.js';

/** Every transfer of a subject's data, newest first: what ACCESS and EXPORT requests show them. */
@Injectable()
export class ListDisclosuresUseCase {
  constructor(private readonly disclosures: DisclosureRepository) {}

  async execute(subjectId: string, limit?: number, cursor?: string): Promise<{ items: Disclosure[]; nextCursor?: string }> {
    const size = pageSize(limit);
    const after = cursor ? decodeCursor(cursor, ['authorizedAt', 'id'] as const) : undefined;
    const items = await this.disclosures.listBySubject(subjectId, size + 1, after);
    const page = items.slice(0, size);
    const last = page.at(-1);
    return { items: page, nextCursor: items.length > size && last ? encodeCursor({ authorizedAt: last.authorizedAt.toISOString(), id: last.id }) : undefined };
  }
}
