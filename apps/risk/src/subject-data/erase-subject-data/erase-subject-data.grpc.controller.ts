import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { EraseSubjectDataResponse, SubjectDataServiceController } from '#contracts/subject_data';
import { EraseSubjectDataRequestDto } from './erase-subject-data.request.js';
import { EraseSubjectDataUseCase } from './erase-subject-data.use-case.js';

@Controller()
export class EraseSubjectDataGrpcController implements Pick<SubjectDataServiceController, 'eraseSubjectData'> {
  constructor(private readonly useCase: EraseSubjectDataUseCase) {}

  @GrpcMethod('SubjectDataService', 'EraseSubjectData')
  eraseSubjectData(@Payload() request: EraseSubjectDataRequestDto): Promise<EraseSubjectDataResponse> {
    return this.useCase.execute(request);
  }
}
