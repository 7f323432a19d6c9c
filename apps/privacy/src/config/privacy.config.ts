import { GrpcServiceConfig, loadConfig, loadDevSecrets, type Env } from '#libs/config';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class PrivacyConfig extends GrpcServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  override GRPC_PORT: number = 50054;

  /** The checked-in recipient registry. */
  @IsString()
  RECIPIENTS_FILE: string = 'config/recipients.yaml';

  /** Privacy policy versions and the texts their hashes come from. */
  @IsString()
  PRIVACY_POLICIES_FILE: string = 'config/privacy-policies.yaml';

  /** PEM (PKCS#8) Ed25519 private key that signs audit checkpoints. Development generates one. */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  AUDIT_SIGNING_KEY_ID?: string;

  /** How often a checkpoint is signed when the log has grown; 0 signs only on demand. */
  @IsInt()
  @Min(0)
  AUDIT_CHECKPOINT_INTERVAL_MS: number = 60_000;

  @IsString()
  IDENTITY_GRPC_URL: string = '127.0.0.1:50051';

  @IsString()
  MERCHANT_GRPC_URL: string = '127.0.0.1:50052';

  @IsString()
  RISK_GRPC_URL: string = '127.0.0.1:50053';

  /** Public holidays and adjusted working days for data-request deadlines. */
  @IsString()
  HOLIDAY_CALENDAR_FILE: string = 'config/holidays/cn.yaml';

  /** Working days to answer a data-subject request (the privacy policy promises 15). */
  @IsInt()
  @Min(1)
  @Max(60)
  DATA_REQUEST_DUE_WORKING_DAYS: number = 15;

  /** How often the processor looks for data-request work; 0 stops it. */
  @IsInt()
  @Min(0)
  DATA_REQUEST_POLL_MS: number = 1000;

  /** Anti-money-laundering retention after the relationship ends. */
  @IsInt()
  @Min(1)
  @Max(30)
  LEGAL_HOLD_YEARS: number = 5;

  /** How often the retention sweep runs; 0 runs it only on demand. */
  @IsInt()
  @Min(0)
  RETENTION_INTERVAL_MS: number = 86_400_000;

  /** A disclosure still open this long after authorisation is closed as UNKNOWN (its sender died mid-call). */
  @IsInt()
  @Min(0)
  DISCLOSURE_STALE_AFTER_MS: number = 600_000;

  /** The environment the registry's `${VAR}` placeholders are read from. */
  environment: Env = {};

  auditSigningKey(warn?: (message: string) => void): { pem: string; keyId: string } {
    if (this.AUDIT_SIGNING_KEY) return { pem: this.AUDIT_SIGNING_KEY, keyId: this.AUDIT_SIGNING_KEY_ID ?? 'audit-1' };
    return { pem: loadDevSecrets(this.dataDir, warn).auditSigningKeyPem, keyId: this.AUDIT_SIGNING_KEY_ID ?? 'dev-audit-1' };
  }

  override productionProblems(): string[] {
    const problems = super.productionProblems();
    if (this.isProduction && !this.AUDIT_SIGNING_KEY) problems.push('AUDIT_SIGNING_KEY is required in production (the generated development key is refused)');
    if (this.isProduction && this.AUDIT_SIGNING_KEY_ID?.startsWith('dev-')) problems.push('AUDIT_SIGNING_KEY_ID names a development key');
    return problems;
  }
}

/** The only place privacy reads the environment. */
export function loadPrivacyConfig(env: Env = process.env): PrivacyConfig {
  const config = loadConfig('privacy', PrivacyConfig, env);
  config.environment = { ...env };
  return config;
}
