import { Injectable } from '@nestjs/common';
import { PiiVault } from '#libs/pii';
import { DataSource } from 'typeorm';
import type { DocumentContentType, DocumentKind, StoredDocument } from '../../documents/document.js';
import { DocumentRepository } from '../../documents/document.repository.js';
import { isUuid } from '../../shared/identifiers.js';

interface DocumentRow {
  id: string;
  merchant_id: string;
  kind: DocumentKind;
  content_type: DocumentContentType;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

const COLUMNS = 'id, merchant_id, kind, content_type, size_bytes, sha256, created_at';
const CONTENT = { table: 'merchant.documents', column: 'content' };
/** A document kept under a legal hold with its merchant record is out of every normal use (docs/merchant.md). */
const USABLE = 'restricted_at IS NULL';

const toDocument = (row: DocumentRow): StoredDocument => ({
  id: row.id,
  merchantId: row.merchant_id,
  kind: row.kind,
  contentType: row.content_type,
  size: row.size_bytes,
  sha256: row.sha256,
  createdAt: row.created_at,
});

@Injectable()
export class DocumentPostgresRepository extends DocumentRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  async saveOrFind(document: StoredDocument, content: Uint8Array, uploadedBy: string): Promise<{ document: StoredDocument; created: boolean }> {
    const inserted: DocumentRow[] = await this.dataSource.query(
      `INSERT INTO merchant.documents (id, merchant_id, kind, content_type, size_bytes, sha256, content_enc, uploaded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (merchant_id, kind, sha256) WHERE ${USABLE} DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        document.id,
        document.merchantId,
        document.kind,
        document.contentType,
        document.size,
        document.sha256,
        this.vault.keyRing.encrypt(content, CONTENT),
        uploadedBy,
        document.createdAt,
      ],
    );
    if (inserted[0]) return { document: toDocument(inserted[0]), created: true };
    const existing: DocumentRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM merchant.documents WHERE merchant_id = $1 AND kind = $2 AND sha256 = $3 AND ${USABLE}`,
      [document.merchantId, document.kind, document.sha256],
    );
    return { document: toDocument(existing[0]!), created: false };
  }

  async findOwned(merchantId: string, id: string): Promise<StoredDocument | undefined> {
    if (!isUuid(id)) return undefined;
    const rows: DocumentRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM merchant.documents WHERE id = $1 AND merchant_id = $2 AND ${USABLE}`, [
      id,
      merchantId,
    ]);
    return rows[0] ? toDocument(rows[0]) : undefined;
  }

  async readOwned(merchantId: string, id: string): Promise<{ document: StoredDocument; content: Buffer } | undefined> {
    if (!isUuid(id)) return undefined;
    const rows: Array<DocumentRow & { content_enc: Buffer }> = await this.dataSource.query(
      `SELECT ${COLUMNS}, content_enc FROM merchant.documents WHERE id = $1 AND merchant_id = $2 AND ${USABLE}`,
      [id, merchantId],
    );
    const row = rows[0];
    return row ? { document: toDocument(row), content: this.vault.keyRing.decrypt(row.content_enc, CONTENT) } : undefined;
  }

  async findOwnedMany(merchantId: string, ids: string[]): Promise<StoredDocument[]> {
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM merchant.documents WHERE merchant_id = $1 AND id = ANY($2::uuid[]) AND ${USABLE}`,
      [merchantId, wanted],
    );
    return rows.map(toDocument);
  }
}
