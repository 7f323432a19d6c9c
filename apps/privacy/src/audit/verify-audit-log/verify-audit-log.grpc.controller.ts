import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { PrivacyServiceController, VerifyAuditLogResponse } from '#contracts/privacy';
import { VerifyAuditLogUseCase } from './verify-audit-log.use-case.js';

@Controller()
export class VerifyAuditLogGrpcController implements Pick<PrivacyServiceController, 'verifyAuditLog'> {
  constructor(private readonly useCase: VerifyAuditLogUseCase) {}

  @GrpcMethod('PrivacyService', 'VerifyAuditLog')
  async verifyAuditLog(): Promise<VerifyAuditLogResponse> {
    const report = await this.useCase.execute();
    return {
      ok: report.ok,
      checked: String(report.checked),
      firstBadSeq: report.firstBadSeq === undefined ? undefined : String(report.firstBadSeq),
      problem: report.problem,
      checkpointsChecked: report.checkpointsChecked,
    };
  }
}
