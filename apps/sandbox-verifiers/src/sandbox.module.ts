import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from '#libs/observability';
import { BankAccountVerificationController } from './bank-account-verification/bank-account-verification.controller.js';
import { BankAccountVerificationUseCase } from './bank-account-verification/bank-account-verification.use-case.js';
import { BankCard4EVerificationController } from './bank-card-4e-verification/bank-card-4e-verification.controller.js';
import { BankCard4EVerificationUseCase } from './bank-card-4e-verification/bank-card-4e-verification.use-case.js';
import { SandboxConfig } from './config/sandbox.config.js';
import type { SandboxFixtures } from './fixtures/load-sandbox-fixtures.js';
import { FaultInjector } from './front-door/fault-injector.js';
import { PerIdRateLimiter } from './front-door/per-id-rate-limiter.js';
import { SimulatedLatency } from './front-door/simulated-latency.js';
import { VerifierCallInterceptor } from './front-door/verifier-call.interceptor.js';
import { HealthController } from './health/health.controller.js';
import { IdCardVerificationController } from './id-card-verification/id-card-verification.controller.js';
import { IdCardVerificationUseCase } from './id-card-verification/id-card-verification.use-case.js';
import { ImageRecognitionController } from './image-recognition/image-recognition.controller.js';
import { ImageRecognitionUseCase } from './image-recognition/image-recognition.use-case.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { SandboxMetrics } from './metrics/sandbox-metrics.js';
import { RequestRecorder } from './recorder/request-recorder.js';
import { SandboxAdminController } from './recorder/sandbox-admin.controller.js';
import { Chance } from './runtime/chance.js';
import { Clock } from './runtime/clock.js';
import { Pause } from './runtime/pause.js';
import { SANDBOX_LOGGER } from './runtime/sandbox-logger.js';
import { TencentParamsPipe } from './tencent/tencent-params.pipe.js';
import { AccountRegistry } from './world/account-registry.js';
import { AuthorityDatabase } from './world/authority-database.js';
import { CardNetwork } from './world/card-network.js';
import { FaultPlan } from './world/fault-plan.js';

export interface SandboxModuleOptions {
  config: SandboxConfig;
  fixtures: SandboxFixtures;
  clock: Clock;
  chance: Chance;
  logger: Logger;
  metrics: SandboxMetrics;
}

@Module({})
export class SandboxModule {
  static register(options: SandboxModuleOptions): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [
        HealthController,
        MetricsController,
        SandboxAdminController,
        IdCardVerificationController,
        ImageRecognitionController,
        BankCard4EVerificationController,
        BankAccountVerificationController,
      ],
      providers: [
        { provide: SandboxConfig, useValue: options.config },
        { provide: Clock, useValue: options.clock },
        { provide: Chance, useValue: options.chance },
        { provide: SANDBOX_LOGGER, useValue: options.logger },
        { provide: SandboxMetrics, useValue: options.metrics },
        { provide: AuthorityDatabase, useValue: AuthorityDatabase.fromFixtures(options.fixtures) },
        { provide: CardNetwork, useValue: CardNetwork.fromFixtures(options.fixtures) },
        { provide: AccountRegistry, useValue: AccountRegistry.fromFixtures(options.fixtures) },
        { provide: FaultPlan, useValue: FaultPlan.fromFixtures(options.fixtures) },
        Pause,
        RequestRecorder,
        PerIdRateLimiter,
        SimulatedLatency,
        FaultInjector,
        VerifierCallInterceptor,
        TencentParamsPipe,
        IdCardVerificationUseCase,
        ImageRecognitionUseCase,
        BankCard4EVerificationUseCase,
        BankAccountVerificationUseCase,
      ],
    };
  }
}
