import type { StoredDocument } from './document.js';

/** Port: uploaded documents, their bytes encrypted at rest. */
export abstract class DocumentRepository {
  /** Stores a new document, or returns the one this merchant already uploaded with the same kind and bytes. */
  abstract saveOrFind(document: StoredDocument, content: Uint8Array, uploadedBy: string): Promise<{ document: StoredDocument; created: boolean }>;
  /** A document of this merchant; undefined when it does not exist or is another merchant's. */
  abstract findOwned(merchantId: string, id: string): Promise<StoredDocument | undefined>;
  /** The same, with the decrypted bytes. */
  abstract readOwned(merchantId: string, id: string): Promise<{ document: StoredDocument; content: Buffer } | undefined>;
  /** Those of `ids` that exist and belong to this merchant. */
  abstract findOwnedMany(merchantId: string, ids: string[]): Promise<StoredDocument[]>;
}
