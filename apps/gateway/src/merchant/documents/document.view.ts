import { ApiProperty } from '@nestjs/swagger';
import type { Document } from '#contracts/merchant';
import { DOCUMENT_KINDS } from './document-upload.js';

export class DocumentView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ description: 'Hex SHA-256 of the bytes' }) sha256: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ enum: ['image/jpeg', 'image/png', 'application/pdf'], description: 'Sniffed from the bytes' }) content_type: string;
  @ApiProperty() created_at: string;
}

export const toDocumentView = (document: Document): DocumentView => ({
  id: document.id,
  kind: document.kind,
  sha256: document.sha256,
  size: Number(document.size),
  content_type: document.contentType,
  created_at: document.createdAt,
});
