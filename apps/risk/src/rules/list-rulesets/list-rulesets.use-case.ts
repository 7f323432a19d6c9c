import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { pageSize } from '../../shared/cursor.js';
import type { StoredRuleset } from '../ruleset.js';
import { RulesetRepository } from '../ruleset.repository.js';

export interface RulesetPage {
  items: StoredRuleset[];
  nextCursor?: string;
}

/** Versions are dense integers, so the cursor is the last version shown, kept opaque to clients. */
function decodeVersionCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^v(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new DomainError('INVALID_CURSOR', 'The cursor is not valid');
  return Number(match[1]);
}

@Injectable()
export class ListRulesetsUseCase {
  constructor(private readonly rulesets: RulesetRepository) {}

  async execute(limit: number | undefined, cursor: string | undefined): Promise<RulesetPage> {
    const size = pageSize(limit);
    const rows = await this.rulesets.list(size + 1, decodeVersionCursor(cursor));
    const items = rows.slice(0, size);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > size && last ? Buffer.from(`v${last.version}`).toString('base64url') : undefined };
  }
}
