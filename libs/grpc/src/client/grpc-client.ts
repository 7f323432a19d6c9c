import { loadPackageDefinition as toGrpcObject, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { createGrpcMetrics, currentRequestContext, type GrpcMetrics } from '#libs/observability';
import type { Registry } from 'prom-client';
import type { Observable } from 'rxjs';
import { loadPackageDefinition } from '../proto/load-package-definition.js';
import type { GrpcServiceDescriptor } from '../proto/services.js';
import { CALLER_METADATA_KEY, REQUEST_ID_METADATA_KEY } from '../server/grpc-context.interceptor.js';
import { clientCredentials, type TlsMaterial } from '../tls/credentials.js';

export interface CallOptions {
  /** Overrides the client's default deadline for this call. */
  timeoutMs?: number;
}

/**
 * A promise-based view of a ts-proto `XServiceClient` interface: the same
 * request and response types, without Observables.
 */
export type PromiseClient<T> = {
  [K in keyof T]: T[K] extends (request: infer Req, ...rest: never[]) => Observable<infer Res> ? (request: Req, options?: CallOptions) => Promise<Res> : never;
};

export interface GrpcClientOptions {
  address: string;
  tls?: TlsMaterial;
  defaultTimeoutMs?: number;
  metrics?: Registry;
}

type UnaryMethod = (
  request: unknown,
  metadata: Metadata,
  options: { deadline: number },
  callback: (error: ServiceError | null, response: unknown) => void,
) => void;
type ServiceConstructor = (new (address: string, credentials: ReturnType<typeof clientCredentials>, options: object) => Client) & {
  service: Record<string, { originalName?: string; requestStream: boolean; responseStream: boolean }>;
};

function lookupService(descriptor: GrpcServiceDescriptor): ServiceConstructor {
  const root = toGrpcObject(loadPackageDefinition([descriptor.protoFile])) as Record<string, unknown>;
  const found = [...descriptor.package.split('.'), descriptor.service].reduce<unknown>(
    (node, part) => (node as Record<string, unknown> | undefined)?.[part],
    root,
  );
  if (typeof found !== 'function') throw new Error(`gRPC service ${descriptor.package}.${descriptor.service} not found in ${descriptor.protoFile}`);
  return found as ServiceConstructor;
}

function outgoingMetadata(): Metadata {
  const metadata = new Metadata();
  const context = currentRequestContext();
  if (context) {
    metadata.set(REQUEST_ID_METADATA_KEY, context.requestId);
    if (context.callerId) metadata.set(CALLER_METADATA_KEY, context.callerId);
  }
  return metadata;
}

export interface GrpcClientHandle<T> {
  client: PromiseClient<T>;
  close(): void;
}

/**
 * A typed client for one internal service. Every call carries the current
 * request id and a deadline, so a hung dependency fails fast as
 * DEADLINE_EXCEEDED instead of holding the caller.
 */
export function createGrpcClient<T>(descriptor: GrpcServiceDescriptor, options: GrpcClientOptions): GrpcClientHandle<T> {
  const Service = lookupService(descriptor);
  const raw = new Service(options.address, clientCredentials(options.tls), {
    'grpc.keepalive_time_ms': 30_000,
    'grpc.max_receive_message_length': 8 * 1024 * 1024,
    'grpc.max_send_message_length': 8 * 1024 * 1024,
    // Fail fast while a backend restarts instead of queueing calls for it.
    'grpc.initial_reconnect_backoff_ms': 200,
    'grpc.max_reconnect_backoff_ms': 2000,
  });
  const metrics: GrpcMetrics | undefined = options.metrics ? createGrpcMetrics(options.metrics, 'client') : undefined;
  const serviceName = `${descriptor.package}.${descriptor.service}`;
  const client: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(Service.service)) {
    if (method.requestStream || method.responseStream) continue;
    const call = (raw as unknown as Record<string, UnaryMethod>)[name]!.bind(raw);
    const invoke = (request: unknown, callOptions?: CallOptions): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const deadline = Date.now() + (callOptions?.timeoutMs ?? options.defaultTimeoutMs ?? 5000);
        call(request, outgoingMetadata(), { deadline }, (error, response) => {
          metrics?.observe(serviceName, name, error ? String(error.code) : 'OK', Number(process.hrtime.bigint() - started) / 1e9);
          if (error) reject(error);
          else resolve(response);
        });
      });
    client[name] = invoke;
    if (method.originalName) client[method.originalName] = invoke;
  }
  return { client: client as PromiseClient<T>, close: () => raw.close() };
}
