import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { decodeCursor, encodeCursor, pageSize } from '../../shared/cursor.js';
import type { DecisionFilter, DecisionSummary } from '../decision-record.js';
import { DecisionRepository } from '../decision.repository.js';

export interface DecisionPage {
  items: DecisionSummary[];
  nextCursor?: string;
}

@Injectable()
export class ListDecisionsUseCase {
  constructor(private readonly decisions: DecisionRepository) {}

  async execute(filter: DecisionFilter, limit: number | undefined, cursor: string | undefined): Promise<DecisionPage> {
    if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
      throw new DomainError('VALIDATION_FAILED', 'from must be before to', [{ field: 'from', code: 'RANGE_ORDER', message: 'from must be before to' }]);
    }
    if (filter.minScore !== undefined && filter.maxScore !== undefined && filter.minScore > filter.maxScore) {
      throw new DomainError('VALIDATION_FAILED', 'min_score must not exceed max_score', [
        { field: 'min_score', code: 'RANGE_ORDER', message: 'min_score must not exceed max_score' },
      ]);
    }
    const size = pageSize(limit);
    const rows = await this.decisions.list(filter, size + 1, decodeCursor(cursor));
    const items = rows.slice(0, size);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > size && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : undefined };
  }
}
