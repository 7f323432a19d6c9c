import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, pageSize } from '#libs/db';
import type { StoredAuditEntry } from '../audit-entry.js';
import { AuditLogRepository } from '../audit-log.repository.js';

export interface AuditFilter {
  subjectId?: string;
  type?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

@Injectable()
export class ListAuditEntriesUseCase {
  constructor(private readonly log: AuditLogRepository) {}

  async execute(filter: AuditFilter): Promise<{ items: StoredAuditEntry[]; nextCursor?: string }> {
    const size = pageSize(filter.limit);
    const items = await this.log.list({
      subjectId: filter.subjectId,
      type: filter.type,
      from: filter.from ? new Date(filter.from) : undefined,
      to: filter.to ? new Date(filter.to) : undefined,
      beforeSeq: filter.cursor ? decodeCursor(filter.cursor, ['seq'] as const, { seq: /^\d{1,18}$/ }).seq : undefined,
      limit: size + 1,
    });
    const page = items.slice(0, size);
    return { items: page, nextCursor: items.length > size ? encodeCursor({ seq: page.at(-1)!.seq }) : undefined };
  }
}
