import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '#libs/db';
import type { Logger } from '#libs/observability';
import type { Registry } from 'prom-client';
import { BackendsModule } from './backends/backends.module.js';
import type { GatewayConfig } from './config/gateway.config.js';
import { EdgeModule } from './edge/edge.module.js';
import { OperationsHttpController } from './health/operations.http.controller.js';
import { GRPC_TLS, Readiness } from './health/readiness.js';
import { gatewayDataSourceSettings } from './infrastructure/persistence/gateway.data-source.js';
import { KycHttpModule } from './kyc/kyc.http.module.js';
import { MerchantHttpModule } from './merchant/merchant.http.module.js';
import { PrivacyHttpModule } from './privacy/privacy.http.module.js';
import { RiskHttpModule } from './risk/risk.http.module.js';

/** The edge: authenticates, authorises, validates, maps REST to gRPC and errors back. No business logic. */
@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, logger: Logger, metrics: Registry): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        DatabaseModule.forRoot(gatewayDataSourceSettings(config)),
        EdgeModule.register(config, logger, metrics),
        BackendsModule.register(config, metrics),
        KycHttpModule,
        RiskHttpModule,
        MerchantHttpModule,
        PrivacyHttpModule,
      ],
      controllers: [OperationsHttpController],
      providers: [{ provide: GRPC_TLS, useValue: config.grpcTls }, Readiness],
    };
  }
}
