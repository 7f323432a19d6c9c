import { EnvBoolean, GrpcServiceConfig, loadConfig, type Env } from '#libs/config';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';

const GRPC_ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export class IdentityConfig extends GrpcServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  override GRPC_PORT: number = 50051;

  @Matches(GRPC_ADDRESS)
  PRIVACY_GRPC_URL: string = '127.0.0.1:50054';

  @Matches(GRPC_ADDRESS)
  RISK_GRPC_URL: string = '127.0.0.1:50053';

  /** The checked-in recipient registry; its `${SANDBOX_BASE_URL}` placeholders are read from the environment. */
  @IsString()
  RECIPIENTS_FILE: string = 'config/recipients.yaml';

  /** How long a session accepts factors after it was opened. */
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_TTL_MINUTES: number = 30;

  /** Holders younger than this (in completed years, China time) are refused without any upstream call. */
  @IsInt()
  @Min(0)
  @Max(100)
  MINIMUM_AGE_YEARS: number = 18;

  /** Failed ID checks allowed per user, and per ID number, in the attempt window. */
  @IsInt()
  @Min(1)
  ID_MAX_FAILED_ATTEMPTS: number = 5;

  /** Failed face checks allowed per user, and per ID number, in the attempt window. */
  @IsInt()
  @Min(1)
  FACE_MAX_FAILED_ATTEMPTS: number = 5;

  /** Failed card checks allowed per user, and per card number, in the attempt window. */
  @IsInt()
  @Min(1)
  CARD_MAX_FAILED_ATTEMPTS: number = 5;

  /** The sliding window the failed attempts are counted in. */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  ATTEMPT_WINDOW_HOURS: number = 24;

  /** Largest decoded face image accepted. */
  @IsInt()
  @Min(1024)
  @Max(6 * 1024 * 1024)
  FACE_IMAGE_MAX_BYTES: number = 2 * 1024 * 1024;

  /** Ask risk to assess every factor submission (event KYC, or BIND_CARD for cards); a DENY stops the factor. */
  @EnvBoolean()
  @IsBoolean()
  RISK_ASSESSMENT_ENABLED: boolean = true;

  /**
   * When risk cannot answer (down, deadline, not yet deployed), go on without
   * a decision instead of failing the factor. The upstream checks and attempt
   * limits still apply; set false to fail closed.
   */
  @EnvBoolean()
  @IsBoolean()
  RISK_FAIL_OPEN: boolean = true;

  @IsInt()
  @Min(100)
  RISK_TIMEOUT_MS: number = 2000;

  /**
   * Anti-money-laundering retention of the verified identity records (customer
   * due diligence) after the relationship ends: erased subjects' records are
   * kept, restricted, this long after the account is closed.
   */
  @IsInt()
  @Min(1)
  @Max(30)
  LEGAL_HOLD_YEARS: number = 5;

  /** How long personal fields of sessions that ended without verifying are kept after their deadline. */
  @IsInt()
  @Min(1)
  @Max(3650)
  UNVERIFIED_SESSION_RETENTION_DAYS: number = 30;

  /** How long the answer to an erasure request is kept, so a retried request gets the same answer. */
  @IsInt()
  @Min(1)
  @Max(3650)
  ERASURE_RECEIPT_RETENTION_DAYS: number = 30;

  /** The environment the registry's `${VAR}` placeholders are read from. */
  environment: Env = {};
}

/** The only place identity reads the environment. */
export function loadIdentityConfig(env: Env = process.env): IdentityConfig {
  const config = loadConfig('identity', IdentityConfig, env);
  config.environment = { ...env };
  return config;
}
