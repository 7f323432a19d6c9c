import { HealthImplementation } from 'grpc-health-check';

/**
 * The standard grpc.health.v1 service. The empty name is the whole server;
 * each full service name is reported too, as the protocol expects.
 */
export class ServiceHealth {
  readonly implementation: HealthImplementation;

  private readonly names: string[];

  constructor(serviceNames: string | string[]) {
    this.names = ['', ...(Array.isArray(serviceNames) ? serviceNames : [serviceNames])];
    this.implementation = new HealthImplementation(Object.fromEntries(this.names.map((name) => [name, 'NOT_SERVING' as const])));
  }

  set(serving: boolean): void {
    for (const name of this.names) this.implementation.setStatus(name, serving ? 'SERVING' : 'NOT_SERVING');
  }
}
