import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRecorder, type AuditRecord } from '#libs/audit';
import { isUniqueViolation, queryRows } from '#libs/db';
import { DomainError } from '#libs/errors';
import type { ListEntry, NewListEntry } from '../../lists/list-entry.js';
import { ListEntryRepository } from '../../lists/list-entry.repository.js';
import type { ListName } from '../../lists/list-names.js';
import type { TimeCursor } from '../../shared/cursor.js';

interface ListEntryRow {
  id: string;
  list: ListName;
  value: string | null;
  network: string | null;
  reason: string;
  expires_at: Date | null;
  created_by: string;
  created_at: Date;
}

const COLUMNS = 'id, list, value, network::text AS network, reason, expires_at, created_by, created_at';
const KEEPS_BLIND_INDEX = new Set<ListName>(['id_block', 'card_block']);

function toEntry(row: ListEntryRow): ListEntry {
  const keepsIndex = KEEPS_BLIND_INDEX.has(row.list);
  return {
    id: row.id,
    list: row.list,
    value: keepsIndex ? undefined : (row.network ?? row.value ?? undefined),
    blindIndex: keepsIndex ? (row.value ?? undefined) : undefined,
    reason: row.reason,
    expiresAt: row.expires_at ?? undefined,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

@Injectable()
export class ListEntryPostgresRepository extends ListEntryRepository {
  private readonly audit = new AuditRecorder('risk');

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async add(entry: NewListEntry, audit: (entry: ListEntry) => AuditRecord): Promise<ListEntry> {
    const isNetwork = entry.list === 'ip_block';
    const stored = isNetwork ? null : (entry.blindIndex ?? entry.value ?? null);
    try {
      return await this.dataSource.transaction(async (manager) => {
        // An expired entry still holds its value's unique slot: retire it first.
        await manager.query(
          `UPDATE risk.list_entries SET removed_at = now(), removed_by = 'system:expired'
           WHERE removed_at IS NULL AND expires_at <= now() AND list = $1 AND (value = $2 OR network = network($3::inet))`,
          [entry.list, stored, isNetwork ? entry.value : null],
        );
        const [row] = await queryRows<ListEntryRow>(
          manager,
          `INSERT INTO risk.list_entries (id, list, value, network, reason, expires_at, created_by)
           VALUES ($1, $2, $3, network($4::inet), $5, $6, $7) RETURNING ${COLUMNS}`,
          [randomUUID(), entry.list, stored, isNetwork ? entry.value : null, entry.reason, entry.expiresAt ?? null, entry.createdBy],
        );
        const added = toEntry(row!);
        await this.audit.record(manager, audit(added), `list-added:${added.id}`);
        return added;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('LIST_ENTRY_EXISTS', 'This value is already on the list');
      throw error;
    }
  }

  async remove(list: ListName, id: string, removedBy: string, audit: (entry: ListEntry) => AuditRecord): Promise<ListEntry | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<ListEntryRow>(
        manager,
        `UPDATE risk.list_entries SET removed_at = now(), removed_by = $3 WHERE id = $1 AND list = $2 AND removed_at IS NULL RETURNING ${COLUMNS}`,
        [id, list, removedBy],
      );
      if (!row) return undefined;
      const removed = toEntry(row);
      await this.audit.record(manager, audit(removed), `list-removed:${removed.id}`);
      return removed;
    });
  }

  async list(list: ListName, limit: number, after?: TimeCursor): Promise<ListEntry[]> {
    const rows: ListEntryRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM risk.list_entries
       WHERE list = $1 AND removed_at IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [list, after?.at ?? null, after?.id ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map(toEntry);
  }
}
