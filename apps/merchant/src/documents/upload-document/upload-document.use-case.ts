import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { createHash, randomUUID } from 'node:crypto';
import { DOCUMENT_MAX_BYTES, type DocumentKind, type StoredDocument } from '../document.js';
import { DocumentRepository } from '../document.repository.js';
import { sniffContentType } from '../sniff-content-type.js';

export interface UploadDocumentCommand {
  merchantId: string;
  actorId: string;
  kind: DocumentKind;
  content: Uint8Array;
}

/**
 * Accepts a JPEG, PNG or PDF of at most 5 MiB, typed from its bytes, and
 * stores it encrypted with its SHA-256. Uploading the same bytes as the same
 * kind again is harmless: it returns the stored document.
 */
@Injectable()
export class UploadDocumentUseCase {
  constructor(private readonly documents: DocumentRepository) {}

  async execute(command: UploadDocumentCommand): Promise<{ document: StoredDocument; created: boolean }> {
    if (command.content.length === 0)
      throw new DomainError('DOCUMENT_EMPTY', 'The file is empty', [{ field: 'file', code: 'DOCUMENT_EMPTY', message: 'file is empty' }]);
    if (command.content.length > DOCUMENT_MAX_BYTES)
      throw new DomainError('DOCUMENT_TOO_LARGE', `A document may be at most ${DOCUMENT_MAX_BYTES} bytes`, [
        { field: 'file', code: 'DOCUMENT_TOO_LARGE', message: `file must be at most ${DOCUMENT_MAX_BYTES} bytes` },
      ]);
    const contentType = sniffContentType(command.content);
    if (!contentType)
      throw new DomainError('DOCUMENT_TYPE_UNSUPPORTED', 'Only JPEG, PNG and PDF documents are accepted', [
        { field: 'file', code: 'DOCUMENT_TYPE_UNSUPPORTED', message: 'file must be a JPEG, PNG or PDF' },
      ]);
    const document: StoredDocument = {
      id: randomUUID(),
      merchantId: command.merchantId,
      kind: command.kind,
      contentType,
      size: command.content.length,
      sha256: createHash('sha256').update(command.content).digest('hex'),
      createdAt: new Date(),
    };
    return this.documents.saveOrFind(document, command.content, command.actorId);
  }
}
