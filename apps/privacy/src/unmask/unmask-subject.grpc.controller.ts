import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { PrivacyServiceController, UnmaskSubjectRequest, UnmaskSubjectResponse } from '#contracts/privacy';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsSubjectId } from '../consents/subject-id.js';
import { UnmaskSubjectUseCase } from './unmask-subject.use-case.js';

export class UnmaskSubjectRequestDto implements UnmaskSubjectRequest {
  @IsSubjectId()
  subjectId: string;

  @IsString()
  @MaxLength(2000)
  reason: string;

  @Matches(/^[A-Za-z0-9._:@-]{1,128}$/)
  officerId: string;
}

@Controller()
export class UnmaskSubjectGrpcController implements Pick<PrivacyServiceController, 'unmaskSubject'> {
  constructor(private readonly useCase: UnmaskSubjectUseCase) {}

  @GrpcMethod('PrivacyService', 'UnmaskSubject')
  async unmaskSubject(@Payload() request: UnmaskSubjectRequestDto): Promise<UnmaskSubjectResponse> {
    const { sections, auditSeq } = await this.useCase.execute(request.subjectId, request.reason, request.officerId);
    return { sections: sections.map((section) => ({ service: section.service, dataJson: JSON.stringify(section.data) })), auditSeq };
  }
}
