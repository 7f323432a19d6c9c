import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { IdentityServiceClient } from '#contracts/identity';
import type { PrivacyServiceClient } from '#contracts/privacy';
import type { RiskServiceClient } from '#contracts/risk';
import { createGrpcClient, IDENTITY_SERVICE, PRIVACY_SERVICE, RISK_SERVICE, type GrpcClientHandle } from '#libs/grpc';
import type { MerchantConfig } from '../config/merchant.config.js';

/** The typed clients of the services merchant calls, closed with the app. */
@Injectable()
export class MerchantGrpcClients implements OnApplicationShutdown {
  readonly privacy: GrpcClientHandle<PrivacyServiceClient>;
  readonly identity: GrpcClientHandle<IdentityServiceClient>;
  readonly risk: GrpcClientHandle<RiskServiceClient>;

  constructor(config: MerchantConfig) {
    const tls = config.grpcTls;
    this.privacy = createGrpcClient<PrivacyServiceClient>(PRIVACY_SERVICE, { address: config.PRIVACY_GRPC_URL, tls });
    this.identity = createGrpcClient<IdentityServiceClient>(IDENTITY_SERVICE, {
      address: config.IDENTITY_GRPC_URL,
      tls,
      defaultTimeoutMs: config.UPSTREAM_CALL_TIMEOUT_MS,
    });
    this.risk = createGrpcClient<RiskServiceClient>(RISK_SERVICE, { address: config.RISK_GRPC_URL, tls, defaultTimeoutMs: config.UPSTREAM_CALL_TIMEOUT_MS });
  }

  onApplicationShutdown(): void {
    for (const handle of [this.privacy, this.identity, this.risk]) handle.close();
  }
}
