import { createHttpMetrics, createMetricsRegistry, type HttpMetrics } from '#libs/observability';
import { Counter, type Registry } from 'prom-client';

/** Label values are action names, status codes and result codes: a closed set, never caller data. */
export class SandboxMetrics {
  readonly registry: Registry;
  readonly http: HttpMetrics;
  private readonly calls: Counter<'action' | 'status' | 'result'>;

  constructor(registry: Registry = createMetricsRegistry('sandbox-verifiers')) {
    this.registry = registry;
    this.http = createHttpMetrics(registry);
    this.calls = new Counter({
      name: 'sandbox_verifier_calls_total',
      help: 'Verifier calls by action, HTTP status and result or error code',
      labelNames: ['action', 'status', 'result'],
      registers: [registry],
    });
  }

  countCall(action: string, status: number, result: string): void {
    this.calls.inc({ action, status: String(status), result });
  }
}
