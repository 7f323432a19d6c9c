import { createParamDecorator, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { DomainError, type FieldViolation } from '#libs/errors';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Observable } from 'rxjs';

export const DOCUMENT_KINDS = ['ID_PHOTO_FRONT', 'ID_PHOTO_BACK', 'BUSINESS_LICENSE', 'STORE_PHOTO', 'OTHER'] as const;

/** 5 MiB: larger files are cut off while streaming (413), before anything is buffered further. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

export interface DocumentUpload {
  kind: (typeof DOCUMENT_KINDS)[number];
  content: Buffer;
}

type UploadRequest = FastifyRequest & { file?: UploadedMultipartFile; body: unknown; documentUpload?: DocumentUpload; isMultipart?: () => boolean };

/**
 * Runs after the multipart parser and before the idempotency interceptor:
 * checks the form (exactly `file` and `kind`), keeps the bytes for the
 * handler, and replaces the body the idempotency fingerprint reads with the
 * kind and the file's SHA-256, so that the same Idempotency-Key with another
 * file is a conflict, not a replay.
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<UploadRequest>();
    if (!request.isMultipart?.()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data with the fields file and kind');
    const fields = (request.body ?? {}) as Record<string, unknown>;
    const violations: FieldViolation[] = [];
    const file = request.file;
    if (!file?.buffer) violations.push({ field: 'file', code: 'REQUIRED', message: 'file is required' });
    const kind = fields['kind'];
    if (typeof kind !== 'string' || !(DOCUMENT_KINDS as readonly string[]).includes(kind))
      violations.push({ field: 'kind', code: 'IS_IN', message: `kind must be one of ${DOCUMENT_KINDS.join(', ')}` });
    for (const name of Object.keys(fields))
      if (name !== 'kind') violations.push({ field: name.slice(0, 64), code: 'UNKNOWN_FIELD', message: 'this field is not accepted' });
    if (violations.length > 0) throw new DomainError('VALIDATION_FAILED', 'The upload is invalid', violations);
    request.documentUpload = { kind: kind as DocumentUpload['kind'], content: file!.buffer! };
    request.body = { kind, file_sha256: createHash('sha256').update(file!.buffer!).digest('hex') };
    return next.handle();
  }
}

/** The checked upload the interceptor above kept for the handler. */
export const UploadedDocument = createParamDecorator((_: unknown, context: ExecutionContext): DocumentUpload => {
  const upload = context.switchToHttp().getRequest<UploadRequest>().documentUpload;
  if (!upload) throw new DomainError('VALIDATION_FAILED', 'The upload is invalid', [{ field: 'file', code: 'REQUIRED', message: 'file is required' }]);
  return upload;
});
