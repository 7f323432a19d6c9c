import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { DomainError } from '#libs/errors';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { Public } from '../edge/auth/access.decorators.js';
import { Readiness, type ReadinessReport } from './readiness.js';

@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller()
export class OperationsHttpController {
  constructor(
    private readonly readiness: Readiness,
    @Inject(Registry) private readonly metrics: Registry,
  ) {}

  @Get('healthz')
  @ApiOkResponse({ description: 'The process is alive.' })
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiOkResponse({ description: 'The database and every backend answer; 503 problem+json otherwise.' })
  async readyz(): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    if (!report.ready) {
      const down = Object.keys(report.checks).filter((name) => report.checks[name] === 'down');
      throw new DomainError('SERVICE_UNAVAILABLE', `Not ready: ${down.join(', ')} unavailable`);
    }
    return report;
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('cache-control', 'no-store')
  async prometheus(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', this.metrics.contentType).send(await this.metrics.metrics());
  }
}
