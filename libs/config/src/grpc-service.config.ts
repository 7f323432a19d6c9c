import { IsInt, IsString, Max, Min } from 'class-validator';
import { PlatformConfig } from './platform.config.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** Settings of a backend process that serves gRPC. */
export class GrpcServiceConfig extends PlatformConfig {
  /** Loopback by default: internal gRPC is not for the open network without TLS. */
  @IsString()
  GRPC_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  GRPC_PORT: number;

  /** Prometheus scrape port; 0 turns the endpoint off. */
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT: number = 0;

  @IsString()
  METRICS_HOST: string = '127.0.0.1';

  get grpcUrl(): string {
    return `${this.GRPC_HOST}:${this.GRPC_PORT}`;
  }

  override productionProblems(): string[] {
    const problems = super.productionProblems();
    if (this.isProduction && !this.grpcTlsConfigured && !isLoopback(this.GRPC_HOST)) {
      problems.push('GRPC_HOST is not loopback but GRPC_TLS_CA/GRPC_TLS_CERT/GRPC_TLS_KEY are unset: plaintext gRPC off loopback is refused in production');
    }
    return problems;
  }

  private get grpcTlsConfigured(): boolean {
    return Boolean(this.GRPC_TLS_CA && this.GRPC_TLS_CERT && this.GRPC_TLS_KEY);
  }
}
