import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, pageSize } from '../../shared/cursor.js';
import type { DecisionReview, ReviewStatus } from '../decision-review.js';
import { DecisionReviewRepository } from '../decision-review.repository.js';

export interface DecisionReviewPage {
  items: DecisionReview[];
  nextCursor?: string;
}

/** The analysts' queue: what subjects asked a person to look at, oldest request first (each has a deadline). */
@Injectable()
export class ListDecisionReviewsUseCase {
  constructor(private readonly reviews: DecisionReviewRepository) {}

  async execute(status: ReviewStatus | undefined, limit: number | undefined, cursor: string | undefined): Promise<DecisionReviewPage> {
    const size = pageSize(limit);
    const rows = await this.reviews.list(status, size + 1, decodeCursor(cursor));
    const items = rows.slice(0, size);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > size && last ? encodeCursor({ at: last.requestedAt, id: last.id }) : undefined };
  }
}
