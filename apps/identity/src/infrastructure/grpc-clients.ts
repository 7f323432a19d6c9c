import type { OnApplicationShutdown } from '@nestjs/common';
import type { PrivacyServiceClient } from '#contracts/privacy';
import type { RiskServiceClient } from '#contracts/risk';
import { createGrpcClient, PRIVACY_SERVICE, RISK_SERVICE, type GrpcClientHandle } from '#libs/grpc';
import type { IdentityConfig } from '../config/identity.config.js';

/** The typed clients identity calls, closed with the application. */
export class IdentityGrpcClients implements OnApplicationShutdown {
  readonly privacy: GrpcClientHandle<PrivacyServiceClient>;
  readonly risk: GrpcClientHandle<RiskServiceClient>;

  constructor(config: IdentityConfig) {
    this.privacy = createGrpcClient<PrivacyServiceClient>(PRIVACY_SERVICE, { address: config.PRIVACY_GRPC_URL, tls: config.grpcTls });
    this.risk = createGrpcClient<RiskServiceClient>(RISK_SERVICE, { address: config.RISK_GRPC_URL, tls: config.grpcTls });
  }

  onApplicationShutdown(): void {
    this.privacy.close();
    this.risk.close();
  }
}
