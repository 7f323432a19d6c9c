import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LOGGER, type Logger } from '#libs/observability';
import { createPiiVault, PiiVault } from '#libs/pii';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { GatewayConfig } from '../config/gateway.config.js';
import { IdempotencyPostgresStore } from '../infrastructure/persistence/idempotency.postgres-store.js';
import { ResponseSealer } from '../infrastructure/persistence/response-sealer.js';
import { VaultResponseSealer } from '../infrastructure/persistence/vault-response-sealer.js';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { ExpiredKeySweeper, IDEMPOTENCY_SWEEP_MS } from './idempotency/expired-key-sweeper.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { CallerThrottlerGuard } from './rate-limit/caller-throttler.guard.js';

/**
 * Cross-cutting edge concerns every route module relies on: authentication
 * and roles, rate limits, idempotency, the logger and metrics.
 */
@Global()
@Module({})
export class EdgeModule {
  static register(config: GatewayConfig, logger: Logger, metrics: Registry): DynamicModule {
    const shared = [
      { provide: LOGGER, useValue: logger },
      { provide: Registry, useValue: metrics },
      { provide: PiiVault, useFactory: () => createPiiVault(config.piiKeys((message) => logger.warn(message))) },
      { provide: ResponseSealer, useClass: VaultResponseSealer },
      {
        provide: IdempotencyStore,
        inject: [DataSource, ResponseSealer],
        useFactory: (dataSource: DataSource, sealer: ResponseSealer) => new IdempotencyPostgresStore(dataSource, sealer, config.IDEMPOTENCY_TTL_HOURS),
      },
      IdempotencyInterceptor,
      { provide: IDEMPOTENCY_SWEEP_MS, useValue: config.IDEMPOTENCY_SWEEP_MS },
      ExpiredKeySweeper,
    ];
    return {
      module: EdgeModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }] })],
      providers: [
        ...shared,
        {
          provide: TokenVerifier,
          useFactory: () =>
            TokenVerifier.create({
              issuer: config.AUTH_JWT_ISSUER,
              audience: config.AUTH_JWT_AUDIENCE,
              secret: config.jwtSecret((message) => logger.warn(message)),
              publicKeyPem: config.AUTH_JWT_PUBLIC_KEY,
              publicKeyAlgorithm: config.AUTH_JWT_PUBLIC_KEY_ALGORITHM,
              jwksUrl: config.AUTH_JWKS_URL,
            }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
      ],
      exports: [LOGGER, Registry, PiiVault, ResponseSealer, IdempotencyStore, IdempotencyInterceptor, TokenVerifier],
    };
  }
}
