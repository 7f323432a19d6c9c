import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CorrectSubjectDataResponse, SubjectDataServiceController } from '#contracts/subject_data';
import { CorrectSubjectDataRequestDto } from './correct-subject-data.request.js';
import { CorrectSubjectDataUseCase } from './correct-subject-data.use-case.js';

@Controller()
export class CorrectSubjectDataGrpcController implements Pick<SubjectDataServiceController, 'correctSubjectData'> {
  constructor(private readonly useCase: CorrectSubjectDataUseCase) {}

  @GrpcMethod('SubjectDataService', 'CorrectSubjectData')
  async correctSubjectData(@Payload() request: CorrectSubjectDataRequestDto): Promise<CorrectSubjectDataResponse> {
    return this.useCase.execute(request.field);
  }
}
