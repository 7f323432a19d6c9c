import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { PerIdRateLimiter } from '../front-door/per-id-rate-limiter.js';
import { RequestRecorder, type RecordedTraffic } from './request-recorder.js';

/** Test hooks: no real provider has these. */
@Controller('__sandbox')
export class SandboxAdminController {
  constructor(
    private readonly recorder: RequestRecorder,
    private readonly limiter: PerIdRateLimiter,
  ) {}

  @Get('requests')
  requests(): RecordedTraffic {
    return this.recorder.traffic();
  }

  @Delete('requests')
  @HttpCode(204)
  clearRequests(): void {
    this.recorder.clear();
  }

  @Delete('rate-limits')
  @HttpCode(204)
  resetRateLimits(): void {
    this.limiter.reset();
  }
}
