import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ExportSubjectDataResponse, SubjectDataServiceController } from '#contracts/subject_data';
import { ExportSubjectDataRequestDto } from './export-subject-data.request.js';
import { ExportSubjectDataUseCase } from './export-subject-data.use-case.js';

@Controller()
export class ExportSubjectDataGrpcController implements Pick<SubjectDataServiceController, 'exportSubjectData'> {
  constructor(private readonly useCase: ExportSubjectDataUseCase) {}

  @GrpcMethod('SubjectDataService', 'ExportSubjectData')
  async exportSubjectData(@Payload() request: ExportSubjectDataRequestDto): Promise<ExportSubjectDataResponse> {
    const { data, held } = await this.useCase.execute(request.subjectId, request.reason);
    return { dataJson: JSON.stringify(data), held };
  }
}
