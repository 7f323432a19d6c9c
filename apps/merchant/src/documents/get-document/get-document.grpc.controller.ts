import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetDocumentResponse, MerchantServiceController } from '#contracts/merchant';
import { toDocumentMessage } from '../document.mapper.js';
import { GetDocumentRequestDto } from './get-document.request.js';
import { GetDocumentUseCase } from './get-document.use-case.js';

@Controller()
export class GetDocumentGrpcController implements Pick<MerchantServiceController, 'getDocument'> {
  constructor(private readonly useCase: GetDocumentUseCase) {}

  @GrpcMethod('MerchantService', 'GetDocument')
  async getDocument(@Payload() request: GetDocumentRequestDto): Promise<GetDocumentResponse> {
    const { document, content } = await this.useCase.execute(request.merchantId, request.documentId);
    return { document: toDocumentMessage(document), content };
  }
}
