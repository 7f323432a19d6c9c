import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { StoredDocument } from '../document.js';
import { DocumentRepository } from '../document.repository.js';

/** A merchant reads back its own documents only: another merchant's is "not found", like one that does not exist. */
@Injectable()
export class GetDocumentUseCase {
  constructor(private readonly documents: DocumentRepository) {}

  async execute(merchantId: string, documentId: string): Promise<{ document: StoredDocument; content: Buffer }> {
    const found = await this.documents.readOwned(merchantId, documentId);
    if (!found) throw new DomainError('DOCUMENT_NOT_FOUND', 'No such document');
    return found;
  }
}
