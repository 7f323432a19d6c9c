export const DOCUMENT_KINDS = ['ID_PHOTO_FRONT', 'ID_PHOTO_BACK', 'BUSINESS_LICENSE', 'STORE_PHOTO', 'OTHER'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type DocumentContentType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** 5 MiB: a phone photo of an ID card or a scanned licence fits; anything larger is refused before it is stored. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

export interface StoredDocument {
  id: string;
  merchantId: string;
  kind: DocumentKind;
  contentType: DocumentContentType;
  size: number;
  sha256: string;
  createdAt: Date;
}
