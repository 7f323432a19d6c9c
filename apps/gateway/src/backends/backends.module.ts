import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  createGrpcClient,
  IDENTITY_SERVICE,
  MERCHANT_SERVICE,
  PRIVACY_SERVICE,
  RISK_SERVICE,
  type GrpcClientHandle,
  type GrpcServiceDescriptor,
} from '#libs/grpc';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from '../config/gateway.config.js';
import { IDENTITY_CLIENT, MERCHANT_CLIENT, PRIVACY_CLIENT, RISK_CLIENT } from './backend-clients.js';

export interface Backend {
  name: string;
  descriptor: GrpcServiceDescriptor;
  address: string;
}

export const BACKENDS = Symbol('Backends');

export function backendsOf(config: GatewayConfig): Backend[] {
  return [
    { name: 'identity', descriptor: IDENTITY_SERVICE, address: config.IDENTITY_GRPC_URL },
    { name: 'merchant', descriptor: MERCHANT_SERVICE, address: config.MERCHANT_GRPC_URL },
    { name: 'risk', descriptor: RISK_SERVICE, address: config.RISK_GRPC_URL },
    { name: 'privacy', descriptor: PRIVACY_SERVICE, address: config.PRIVACY_GRPC_URL },
  ];
}

const handles: GrpcClientHandle<unknown>[] = [];

/** Typed gRPC clients for every backend, with the gateway's deadline and TLS settings. */
@Global()
@Module({})
export class BackendsModule implements OnApplicationShutdown {
  static register(config: GatewayConfig, metrics: Registry): DynamicModule {
    const tls = config.grpcTls;
    const tokens: Record<string, symbol> = { identity: IDENTITY_CLIENT, merchant: MERCHANT_CLIENT, risk: RISK_CLIENT, privacy: PRIVACY_CLIENT };
    const backends = backendsOf(config);
    const providers = backends.map((backend) => ({
      provide: tokens[backend.name]!,
      useFactory: () => {
        const handle = createGrpcClient(backend.descriptor, { address: backend.address, tls, defaultTimeoutMs: config.GRPC_CLIENT_TIMEOUT_MS, metrics });
        handles.push(handle);
        return handle.client;
      },
    }));
    return {
      module: BackendsModule,
      providers: [...providers, { provide: BACKENDS, useValue: backends }],
      exports: [...providers.map((provider) => provider.provide), BACKENDS],
    };
  }

  onApplicationShutdown(): void {
    for (const handle of handles.splice(0)) handle.close();
  }
}
