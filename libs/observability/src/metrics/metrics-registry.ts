import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * One registry per process. Label values are route templates, method names
 * and status codes only: never ids or anything a user typed.
 */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Several clients may share one registry; metrics are created once per name. */
function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

function histogram<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return (
    (registry.getSingleMetric(name) as Histogram<L> | undefined) ?? new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [registry] })
  );
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface HttpMetrics {
  observe(method: string, route: string, status: number, seconds: number): void;
}

export function createHttpMetrics(registry: Registry): HttpMetrics {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = counter(registry, 'http_requests_total', 'HTTP requests by route template and status', labelNames);
  const latency = histogram(registry, 'http_request_duration_seconds', 'HTTP request latency by route template and status', labelNames);
  return {
    observe(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
  };
}

export interface GrpcMetrics {
  observe(service: string, method: string, code: string, seconds: number): void;
}

export function createGrpcMetrics(registry: Registry, side: 'server' | 'client'): GrpcMetrics {
  const labelNames = ['grpc_service', 'grpc_method', 'grpc_code'] as const;
  const handled = counter(registry, `grpc_${side}_handled_total`, `gRPC ${side} calls completed, by status code`, labelNames);
  const latency = histogram(registry, `grpc_${side}_handling_seconds`, `gRPC ${side} call latency`, labelNames);
  return {
    observe(service, method, code, seconds) {
      const labels = { grpc_service: service, grpc_method: method, grpc_code: code };
      handled.inc(labels);
      latency.observe(labels, seconds);
    },
  };
}
