import { Injectable } from '@nestjs/common';
import type { FieldViolation } from '#libs/errors';
import { DocumentRepository } from '../../documents/document.repository.js';
import type { ApplicationForm } from '../application.js';
import { documentReferences } from './form-merge.js';

/** Every document a form names must be this merchant's, of the kind the field expects. */
@Injectable()
export class DocumentReferences {
  constructor(private readonly documents: DocumentRepository) {}

  async check(merchantId: string, form: ApplicationForm): Promise<FieldViolation[]> {
    const references = documentReferences(form);
    if (references.length === 0) return [];
    const owned = new Map(
      (
        await this.documents.findOwnedMany(
          merchantId,
          references.map((reference) => reference.id),
        )
      ).map((document) => [document.id, document]),
    );
    return references.flatMap((reference) => {
      const document = owned.get(reference.id);
      if (!document)
        return [{ field: reference.field, code: 'DOCUMENT_NOT_FOUND', message: `${reference.field.split('.').at(-1)} names no document of this merchant` }];
      if (document.kind !== reference.kind)
        return [
          { field: reference.field, code: 'DOCUMENT_KIND_MISMATCH', message: `${reference.field.split('.').at(-1)} must name a ${reference.kind} document` },
        ];
      return [];
    });
  }
}
