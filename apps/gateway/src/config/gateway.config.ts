import { devSecretsPath, EnvList, isLoopback, loadConfig, PlatformConfig, loadDevSecrets, type DevSecrets, type Env } from '#libs/config';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { readFileSync } from 'node:fs';

const GRPC_ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export class GatewayConfig extends PlatformConfig {
  @IsString()
  GATEWAY_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT: number = 8080;

  /** JSON bodies; a liveness frame (2 MB JPEG) is about 2.7 MB as base64. */
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 4 * 1024 * 1024;

  /** Browser origins allowed by CORS; empty means no cross-origin access. */
  @EnvList()
  @IsString({ each: true })
  CORS_ALLOWED_ORIGINS: string[] = [];

  /** HS256 shared secret. Development generates one; production must set a strong one or use a public key. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  AUTH_JWT_SECRET?: string;

  /** RS256/ES256 public key (PEM) of the token issuer. */
  @IsOptional()
  @IsString()
  AUTH_JWT_PUBLIC_KEY?: string;

  @IsIn(['RS256', 'ES256', 'EdDSA'])
  AUTH_JWT_PUBLIC_KEY_ALGORITHM: 'RS256' | 'ES256' | 'EdDSA' = 'RS256';

  /** JWKS endpoint of the token issuer, for key rotation without restarts. */
  @IsOptional()
  @IsUrl({ require_tld: false })
  AUTH_JWKS_URL?: string;

  @IsString()
  AUTH_JWT_ISSUER: string = 'kyc-dev-issuer';

  @IsString()
  AUTH_JWT_AUDIENCE: string = 'kyc-gateway';

  /** Requests per minute per caller (token subject, or client IP without a token). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 600;

  @IsInt()
  @Min(1)
  IDEMPOTENCY_TTL_HOURS: number = 24;

  /** How often expired idempotency keys (with their sealed responses) are deleted. */
  @IsInt()
  @Min(1_000)
  IDEMPOTENCY_SWEEP_MS: number = 600_000;

  @Matches(GRPC_ADDRESS)
  IDENTITY_GRPC_URL: string = '127.0.0.1:50051';

  @Matches(GRPC_ADDRESS)
  MERCHANT_GRPC_URL: string = '127.0.0.1:50052';

  @Matches(GRPC_ADDRESS)
  RISK_GRPC_URL: string = '127.0.0.1:50053';

  @Matches(GRPC_ADDRESS)
  PRIVACY_GRPC_URL: string = '127.0.0.1:50054';

  @IsInt()
  @Min(100)
  GRPC_CLIENT_TIMEOUT_MS: number = 10_000;

  /** The development secret comes from the generated dev-secrets file. */
  jwtSecret(warn?: (message: string) => void): string | undefined {
    if (this.AUTH_JWT_SECRET || this.AUTH_JWT_PUBLIC_KEY || this.AUTH_JWKS_URL) return this.AUTH_JWT_SECRET;
    return loadDevSecrets(this.dataDir, warn).jwtSecret;
  }

  override productionProblems(): string[] {
    const problems = super.productionProblems();
    if (!this.isProduction) return problems;
    if (!this.AUTH_JWT_SECRET && !this.AUTH_JWT_PUBLIC_KEY && !this.AUTH_JWKS_URL) {
      problems.push('AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL is required in production (the generated development token secret is refused)');
    }
    if (this.AUTH_JWT_SECRET && /^(secret|changeme|change-me|dev|development|test)/i.test(this.AUTH_JWT_SECRET)) {
      problems.push('AUTH_JWT_SECRET is a default value');
    }
    if (this.AUTH_JWT_SECRET && this.AUTH_JWT_SECRET === this.generatedJwtSecret()) {
      problems.push('AUTH_JWT_SECRET is the generated development secret (dev-secrets.json in KYC_DATA_DIR)');
    }
    const remote = [this.IDENTITY_GRPC_URL, this.MERCHANT_GRPC_URL, this.RISK_GRPC_URL, this.PRIVACY_GRPC_URL].filter((url) => !isLoopback(url.split(':')[0]!));
    if (remote.length > 0 && !this.grpcTls) problems.push('GRPC_TLS_CA/GRPC_TLS_CERT/GRPC_TLS_KEY are required in production to call backends off loopback');
    if (this.AUTH_JWT_ISSUER === 'kyc-dev-issuer') problems.push('AUTH_JWT_ISSUER must name the production token issuer');
    return problems;
  }

  /** The secret of an existing dev-secrets file in KYC_DATA_DIR; read only, never created (unlike `loadDevSecrets`). */
  private generatedJwtSecret(): string | undefined {
    try {
      return (JSON.parse(readFileSync(devSecretsPath(this.dataDir), 'utf8')) as Partial<DevSecrets>).jwtSecret;
    } catch {
      return undefined;
    }
  }
}

/** The only place the gateway reads the environment. */
export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  return loadConfig('gateway', GatewayConfig, env);
}
