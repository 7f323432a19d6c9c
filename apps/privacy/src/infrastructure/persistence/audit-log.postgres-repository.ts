import { Injectable } from '@nestjs/common';
import { CompactRange } from '#libs/audit';
import { PiiVault } from '#libs/pii';
import { DataSource } from 'typeorm';
import type { AuditQuery, Checkpoint, NewAuditEntry, StoredAuditEntry } from '../../audit/audit-entry.js';
import { AuditLogRepository } from '../../audit/audit-log.repository.js';
import { subjectRef } from '../../audit/subject-ref.js';
import { appendAuditEntries, toStoredEntry, type AuditRow } from './audit-log.sql.js';

const COLUMNS = 'seq, type, source, source_id, actor_type, actor_id, subject_ref, payload, occurred_at, leaf_hash';

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  signed_at: Date;
  key_id: string;
  signature: Buffer;
  signed_text: string;
}

@Injectable()
export class AuditLogPostgresRepository extends AuditLogRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  append(entries: NewAuditEntry[]): Promise<string[]> {
    return this.dataSource.transaction((manager) => appendAuditEntries(manager, this.vault, entries));
  }

  async list(query: AuditQuery): Promise<StoredAuditEntry[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (query.subjectId) add('subject_ref = ?', subjectRef(this.vault, query.subjectId));
    if (query.type) add('type = ?', query.type);
    if (query.from) add('occurred_at >= ?', query.from);
    if (query.to) add('occurred_at < ?', query.to);
    if (query.beforeSeq) add('seq < ?', query.beforeSeq);
    parameters.push(query.limit);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM privacy.audit_log ${where} ORDER BY seq DESC LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map(toStoredEntry);
  }

  async scan(afterSeq: string, limit: number): Promise<StoredAuditEntry[]> {
    const rows: AuditRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM privacy.audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
    return rows.map(toStoredEntry);
  }

  async leafHashes(treeSize: number): Promise<Buffer[]> {
    const rows: Array<{ leaf_hash: Buffer }> = await this.dataSource.query('SELECT leaf_hash FROM privacy.audit_log WHERE seq <= $1 ORDER BY seq', [treeSize]);
    return rows.map((row) => row.leaf_hash);
  }

  async head(): Promise<{ size: number; root: Buffer }> {
    const [head] = (await this.dataSource.query('SELECT size, frontier FROM privacy.audit_head WHERE id')) as Array<{ size: string; frontier: Buffer[] }>;
    const range = new CompactRange(Number(head!.size), head!.frontier);
    return { size: range.treeSize, root: range.root() };
  }

  async saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO privacy.audit_checkpoints (tree_size, root_hash, signed_at, key_id, signature, signed_text)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tree_size) DO NOTHING`,
      [
        checkpoint.treeSize,
        Buffer.from(checkpoint.rootHash, 'hex'),
        checkpoint.signedAt,
        checkpoint.keyId,
        Buffer.from(checkpoint.signature, 'base64'),
        checkpoint.signedText,
      ],
    );
  }

  async checkpoints(): Promise<Checkpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      'SELECT tree_size, root_hash, signed_at, key_id, signature, signed_text FROM privacy.audit_checkpoints ORDER BY tree_size',
    );
    return rows.map((row) => ({
      treeSize: Number(row.tree_size),
      rootHash: row.root_hash.toString('hex'),
      signedAt: row.signed_at.toISOString(),
      keyId: row.key_id,
      signature: row.signature.toString('base64'),
      signedText: row.signed_text,
    }));
  }
}
