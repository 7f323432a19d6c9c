import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { MerchantServiceController, UploadDocumentResponse } from '#contracts/merchant';
import { toDocumentMessage } from '../document.mapper.js';
import { UploadDocumentRequestDto } from './upload-document.request.js';
import { UploadDocumentUseCase } from './upload-document.use-case.js';

@Controller()
export class UploadDocumentGrpcController implements Pick<MerchantServiceController, 'uploadDocument'> {
  constructor(private readonly useCase: UploadDocumentUseCase) {}

  @GrpcMethod('MerchantService', 'UploadDocument')
  async uploadDocument(@Payload() request: UploadDocumentRequestDto): Promise<UploadDocumentResponse> {
    const { document, created } = await this.useCase.execute({ ...request, content: request.content ?? new Uint8Array() });
    return { document: toDocumentMessage(document), created };
  }
}
