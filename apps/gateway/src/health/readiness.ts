import { Inject, Injectable } from '@nestjs/common';
import { checkGrpcHealth, clientCredentials, type TlsMaterial } from '#libs/grpc';
import { DataSource } from 'typeorm';
import { BACKENDS, type Backend } from '../backends/backends.module.js';

export const GRPC_TLS = Symbol('GrpcTls');

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'up' | 'down'>;
}

/** The gateway is ready when its database and every backend's gRPC health check answer SERVING. */
@Injectable()
export class Readiness {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(BACKENDS) private readonly backends: Backend[],
    @Inject(GRPC_TLS) private readonly tls: TlsMaterial | undefined,
  ) {}

  async check(): Promise<ReadinessReport> {
    const checks: Record<string, 'up' | 'down'> = {};
    const database = this.dataSource.query('SELECT 1').then(
      () => (checks['database'] = 'up'),
      () => (checks['database'] = 'down'),
    );
    const backends = this.backends.map((backend) =>
      checkGrpcHealth(backend.address, { credentials: clientCredentials(this.tls), timeoutMs: 1000 }).then(
        (status) => (checks[backend.name] = status === 'SERVING' ? 'up' : 'down'),
        () => (checks[backend.name] = 'down'),
      ),
    );
    await Promise.all([database, ...backends]);
    return { ready: Object.values(checks).every((state) => state === 'up'), checks };
  }
}
