import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetDataRequestRequest, GetDataRequestResponse, PrivacyServiceController } from '#contracts/privacy';
import { DomainError } from '#libs/errors';
import { IsUUID } from 'class-validator';
import { IsSubjectId } from '../../consents/subject-id.js';
import { DataRequestRepository } from '../data-request.repository.js';
import { toDataRequestMessage } from '../data-request.mapper.js';

export class GetDataRequestRequestDto implements GetDataRequestRequest {
  @IsSubjectId()
  subjectId: string;

  @IsUUID()
  id: string;
}

/** A subject's own request and its answer; someone else's is NOT_FOUND, like a missing one. */
@Controller()
export class GetDataRequestGrpcController implements Pick<PrivacyServiceController, 'getDataRequest'> {
  constructor(private readonly requests: DataRequestRepository) {}

  @GrpcMethod('PrivacyService', 'GetDataRequest')
  async getDataRequest(@Payload() request: GetDataRequestRequestDto): Promise<GetDataRequestResponse> {
    const found = await this.requests.findForSubject(request.subjectId, request.id);
    if (!found) throw new DomainError('DATA_REQUEST_NOT_FOUND', 'No such data request');
    return { request: toDataRequestMessage(found, true) };
  }
}
