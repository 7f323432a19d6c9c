import { Controller, Get, HttpCode, Inject, Param, Post, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MERCHANT_CLIENT, type MerchantClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { IdParam } from '../applications/application.dto.js';
import { merchantIdOf } from '../merchant-caller.js';
import { DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, DocumentUploadInterceptor, UploadedDocument, type DocumentUpload } from './document-upload.js';
import { DocumentView, toDocumentView } from './document.view.js';

@ApiTags('merchant onboarding')
@ApiBearerAuth()
@Roles('merchant')
@Controller('v1/merchant/documents')
export class MerchantDocumentsHttpController {
  constructor(@Inject(MERCHANT_CLIENT) private readonly merchants: MerchantClient) {}

  // Interceptors run in this order: parse the multipart body, check it, then the idempotency key.
  @Post()
  @HttpCode(201)
  @Idempotent()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 4, parts: 5 } }), DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'JPEG, PNG or PDF, at most 5 MiB' },
        kind: { type: 'string', enum: [...DOCUMENT_KINDS] },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentView, description: 'Stored encrypted. The same bytes and kind again return the same document.' })
  async upload(@CurrentCaller() caller: Caller, @UploadedDocument() upload: DocumentUpload): Promise<DocumentView> {
    const { document } = await this.merchants.uploadDocument({
      merchantId: merchantIdOf(caller),
      actorId: caller.subjectId,
      kind: upload.kind,
      content: upload.content,
    });
    return toDocumentView(document!);
  }

  @Get(':id')
  @ApiProduces('image/jpeg', 'image/png', 'application/pdf')
  @ApiOkResponse({ description: "The document's bytes; only this merchant's documents (another's is 404)." })
  async download(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { document, content } = await this.merchants.getDocument({ merchantId: merchantIdOf(caller), documentId: params.id });
    void reply.header('x-content-sha256', document!.sha256).header('cache-control', 'no-store');
    return new StreamableFile(Buffer.from(content), {
      type: document!.contentType,
      length: content.length,
      disposition: `attachment; filename="${document!.id}"`,
    });
  }
}
