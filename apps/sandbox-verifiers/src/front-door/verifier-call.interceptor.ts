import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { defer, map, switchMap, tap, type Observable } from 'rxjs';
import type { Logger } from '#libs/observability';
import { SandboxMetrics } from '../metrics/sandbox-metrics.js';
import { RequestRecorder } from '../recorder/request-recorder.js';
import { SANDBOX_LOGGER } from '../runtime/sandbox-logger.js';
import { TencentApiError } from '../tencent/tencent-api.error.js';
import { tencentAnswer } from '../tencent/tencent-envelope.js';
import { toTencentError } from '../tencent/to-tencent-error.js';
import { FaultInjector } from './fault-injector.js';
import { PerIdRateLimiter } from './per-id-rate-limiter.js';
import { SimulatedLatency } from './simulated-latency.js';
import { VERIFIER_ENDPOINT, type VerifierEndpoint } from './verifier-endpoints.js';

function idNumberIn(body: unknown): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['IdCard'] : undefined;
  return typeof value === 'string' ? value.toUpperCase() : undefined;
}

/**
 * The provider's front door, in the order a real gateway works: record what
 * arrived, enforce the per-ID rate limit, fail or stall for the fault
 * fixtures, add latency, then let the parameters be validated and the call
 * answered. Logs the endpoint, status, result code and latency: never the body.
 */
@Injectable()
export class VerifierCallInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly recorder: RequestRecorder,
    private readonly limiter: PerIdRateLimiter,
    private readonly faults: FaultInjector,
    private readonly latency: SimulatedLatency,
    private readonly metrics: SandboxMetrics,
    @Inject(SANDBOX_LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<object>): Observable<unknown> {
    const endpoint = this.reflector.get<VerifierEndpoint>(VERIFIER_ENDPOINT, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const started = performance.now();
    this.recorder.record(endpoint, request.body);
    return defer(() => this.admit(idNumberIn(request.body))).pipe(
      switchMap(() => next.handle()),
      map((answer) => tencentAnswer(answer, request.id)),
      tap({
        next: (envelope) => this.report(endpoint, 200, String((envelope.Response as { Result?: unknown }).Result), started),
        error: (error: unknown) => {
          const view = toTencentError(error);
          this.report(endpoint, view.status, view.code, started);
        },
      }),
    );
  }

  private async admit(idNumber: string | undefined): Promise<void> {
    if (idNumber !== undefined) {
      const decision = this.limiter.admit(idNumber);
      if (!decision.allowed) {
        throw new TencentApiError(429, 'RequestLimitExceeded', 'Too many requests for this ID number. Retry later.', Math.ceil(decision.retryAfterMs / 1000));
      }
    }
    await this.faults.apply(idNumber);
    await this.latency.apply();
  }

  private report(endpoint: VerifierEndpoint, status: number, result: string, started: number): void {
    const latencyMs = Math.round(performance.now() - started);
    this.metrics.countCall(endpoint.action, status, result);
    this.logger.info({ action: endpoint.action, route: endpoint.path, status, result, latencyMs }, 'Verifier call answered');
  }
}
