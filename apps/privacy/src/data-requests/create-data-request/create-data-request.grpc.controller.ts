import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CreateDataRequestResponse, PrivacyServiceController } from '#contracts/privacy';
import type { DataRequestType } from '../data-request.js';
import { toDataRequestMessage } from '../data-request.mapper.js';
import { CreateDataRequestRequestDto } from './create-data-request.request.js';
import { CreateDataRequestUseCase } from './create-data-request.use-case.js';

@Controller()
export class CreateDataRequestGrpcController implements Pick<PrivacyServiceController, 'createDataRequest'> {
  constructor(private readonly useCase: CreateDataRequestUseCase) {}

  @GrpcMethod('PrivacyService', 'CreateDataRequest')
  async createDataRequest(@Payload() request: CreateDataRequestRequestDto): Promise<CreateDataRequestResponse> {
    return { request: toDataRequestMessage(await this.useCase.execute({ ...request, type: request.type as DataRequestType }), false) };
  }
}
