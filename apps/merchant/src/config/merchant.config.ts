import { EnvBoolean, EnvList, GrpcServiceConfig, loadConfig, type Env } from '#libs/config';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const GRPC_ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const TWELVE_HOURS_MS = 12 * 60 * 60 * 1000;

export class MerchantConfig extends GrpcServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  override GRPC_PORT: number = 50052;

  @Matches(GRPC_ADDRESS)
  PRIVACY_GRPC_URL: string = '127.0.0.1:50054';

  @Matches(GRPC_ADDRESS)
  IDENTITY_GRPC_URL: string = '127.0.0.1:50051';

  @Matches(GRPC_ADDRESS)
  RISK_GRPC_URL: string = '127.0.0.1:50053';

  /**
   * Early pilot credit codes whose printed check character fails GB 32100 but which the
   * registry shows as the entity's code: accepted, with the check marked PILOT_CODE for the
   * reviewer. Add a code only with the registry extract on file.
   */
  @EnvList()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { each: true })
  CREDIT_CODE_PILOT_CODES: string[] = [];

  /** The checked-in recipient registry; its `${SANDBOX_BASE_URL}` placeholders are read from the environment. */
  @IsString()
  RECIPIENTS_FILE: string = 'config/recipients.yaml';

  /** Deadline of one call to identity (real-name check) or risk (assessment). */
  @IsInt()
  @Min(100)
  UPSTREAM_CALL_TIMEOUT_MS: number = 8000;

  /** First wait before an application left SUBMITTED by an upstream outage is checked again; doubles per failed try. */
  @IsInt()
  @Min(10)
  SUBMISSION_RETRY_BASE_MS: number = 30_000;

  /** Longest wait between two tries of the same application. */
  @IsInt()
  @Min(10)
  SUBMISSION_RETRY_MAX_MS: number = 30 * 60_000;

  /** How often the background job looks for applications due a retry. */
  @IsInt()
  @Min(10)
  SUBMISSION_POLL_INTERVAL_MS: number = 5000;

  /** Webhook retries: attempt n waits base × factor^(n-1) (±20%) after failing; the last failure dead-letters. */
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_BASE_MS: number = 60_000;

  @IsNumber()
  @Min(1.1)
  @Max(10)
  WEBHOOK_RETRY_FACTOR: number = 3;

  @IsInt()
  @Min(6)
  @Max(50)
  WEBHOOK_MAX_ATTEMPTS: number = 8;

  /** How often the outbox relays (audit entries, webhooks) look for due messages. */
  @IsInt()
  @Min(10)
  OUTBOX_POLL_INTERVAL_MS: number = 500;

  /**
   * Webhook URLs on loopback or private networks (SSRF targets). Allowed by
   * default outside production, where test receivers listen on 127.0.0.1.
   */
  @IsOptional()
  @EnvBoolean()
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS?: boolean;

  /**
   * Anti-money-laundering retention of an onboarded merchant's due-diligence
   * records after the relationship ends: an erased subject's records are kept,
   * restricted, this long after the account is closed.
   */
  @IsInt()
  @Min(1)
  @Max(30)
  LEGAL_HOLD_YEARS: number = 5;

  /** Drafts never submitted, and uploads no application names, are purged this long after they were last touched. */
  @IsInt()
  @Min(1)
  @Max(3650)
  DRAFT_RETENTION_DAYS: number = 90;

  /** Delivered outbox messages (audit entries already in the privacy service's log, delivered webhooks) are kept this long. */
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS: number = 30;

  /** How long the answer to an erasure request is kept, so a retried request gets the same answer. */
  @IsInt()
  @Min(1)
  @Max(3650)
  ERASURE_RECEIPT_RETENTION_DAYS: number = 30;

  /** The environment the registry's `${VAR}` placeholders are read from. */
  environment: Env = {};

  get allowPrivateWebhookTargets(): boolean {
    return this.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? !this.isProduction;
  }

  /** The shortest time a webhook can spend retrying before it is dead-lettered (jitter at its low end). */
  get webhookRetryWindowMs(): number {
    let total = 0;
    for (let attempt = 1; attempt < this.WEBHOOK_MAX_ATTEMPTS; attempt++)
      total += 0.8 * this.WEBHOOK_RETRY_BASE_MS * this.WEBHOOK_RETRY_FACTOR ** (attempt - 1);
    return total;
  }

  override productionProblems(): string[] {
    const problems = super.productionProblems();
    if (this.isProduction && this.webhookRetryWindowMs < TWELVE_HOURS_MS) {
      problems.push('WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_FACTOR and WEBHOOK_MAX_ATTEMPTS must keep retrying for at least 12 hours in production');
    }
    if (this.isProduction && this.WEBHOOK_ALLOW_PRIVATE_TARGETS) problems.push('WEBHOOK_ALLOW_PRIVATE_TARGETS is refused in production');
    return problems;
  }
}

/** The only place merchant reads the environment. */
export function loadMerchantConfig(env: Env = process.env): MerchantConfig {
  const config = loadConfig('merchant', MerchantConfig, env);
  config.environment = { ...env };
  return config;
}
