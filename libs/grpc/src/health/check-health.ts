import { credentials as grpcCredentials, makeGenericClientConstructor, type ChannelCredentials, type Client } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

type HealthClient = Client & {
  check(request: { service: string }, options: { deadline: number }, callback: (error: Error | null, response?: { status: string | number }) => void): void;
};

const HealthClientConstructor = makeGenericClientConstructor(healthService as never, 'grpc.health.v1.Health') as unknown as new (
  address: string,
  credentials: ChannelCredentials,
) => HealthClient;

/** Asks a gRPC server's standard health service; resolves to its status name. */
export function checkGrpcHealth(address: string, options: { service?: string; credentials?: ChannelCredentials; timeoutMs?: number } = {}): Promise<string> {
  const client = new HealthClientConstructor(address, options.credentials ?? grpcCredentials.createInsecure());
  return new Promise<string>((resolve, reject) => {
    client.check({ service: options.service ?? '' }, { deadline: Date.now() + (options.timeoutMs ?? 1000) }, (error, response) => {
      client.close();
      if (error) reject(error);
      else resolve(typeof response?.status === 'string' ? response.status : String(response?.status));
    });
  });
}
