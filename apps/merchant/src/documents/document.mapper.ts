import type { Document as DocumentMessage } from '#contracts/merchant';
import type { StoredDocument } from './document.js';

export function toDocumentMessage(document: StoredDocument): DocumentMessage {
  return {
    id: document.id,
    kind: document.kind,
    contentType: document.contentType,
    size: String(document.size),
    sha256: document.sha256,
    createdAt: document.createdAt.toISOString(),
  };
}
