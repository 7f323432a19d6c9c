import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { readFileSync } from 'node:fs';
import { DEV_KEY_ID_PREFIX, loadDevSecrets } from './dev-secrets.js';
import { RuntimeConfig } from './runtime.config.js';

/** Key material for field encryption and blind indexes, as base64 strings. */
export interface PiiKeyMaterial {
  encryptionKeys: Record<string, string>;
  currentKeyId: string;
  blindIndexKey: string;
  generated: boolean;
}

export interface GrpcTlsFiles {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

const KEY_LIST = /^[A-Za-z0-9._-]+:[A-Za-z0-9+/]+={0,2}(,[A-Za-z0-9._-]+:[A-Za-z0-9+/]+={0,2})*$/;

/** Settings of every process that stores personal data and speaks internal gRPC. */
export class PlatformConfig extends RuntimeConfig {
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL: string;

  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE: number = 10;

  /** Fail fast when the database is away, instead of queueing callers. */
  @IsInt()
  @Min(100)
  DB_CONNECT_TIMEOUT_MS: number = 2000;

  @IsInt()
  @Min(100)
  DB_STATEMENT_TIMEOUT_MS: number = 10_000;

  /** `kid:base64key,kid2:base64key`, 32-byte AES-256 keys. */
  @IsOptional()
  @Matches(KEY_LIST)
  PII_ENCRYPTION_KEYS?: string;

  @IsOptional()
  @IsString()
  PII_ENCRYPTION_CURRENT_KEY_ID?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_BLIND_INDEX_KEY must be a base64 32-byte key' })
  PII_BLIND_INDEX_KEY?: string;

  /** PEM files for mutual TLS on internal gRPC; all three or none. */
  @IsOptional()
  @IsString()
  GRPC_TLS_CA?: string;

  @IsOptional()
  @IsString()
  GRPC_TLS_CERT?: string;

  @IsOptional()
  @IsString()
  GRPC_TLS_KEY?: string;

  get grpcTls(): GrpcTlsFiles | undefined {
    if (!this.GRPC_TLS_CA || !this.GRPC_TLS_CERT || !this.GRPC_TLS_KEY) return undefined;
    return {
      ca: readFileSync(this.GRPC_TLS_CA),
      cert: readFileSync(this.GRPC_TLS_CERT),
      key: readFileSync(this.GRPC_TLS_KEY),
    };
  }

  piiKeys(warn?: (message: string) => void): PiiKeyMaterial {
    if (this.PII_ENCRYPTION_KEYS && this.PII_BLIND_INDEX_KEY) {
      const encryptionKeys = Object.fromEntries(
        this.PII_ENCRYPTION_KEYS.split(',').map((pair) => {
          const at = pair.indexOf(':');
          return [pair.slice(0, at), pair.slice(at + 1)];
        }),
      );
      const currentKeyId = this.PII_ENCRYPTION_CURRENT_KEY_ID ?? Object.keys(encryptionKeys).at(-1)!;
      return { encryptionKeys, currentKeyId, blindIndexKey: this.PII_BLIND_INDEX_KEY, generated: false };
    }
    const dev = loadDevSecrets(this.dataDir, warn);
    return {
      encryptionKeys: dev.encryptionKeys,
      currentKeyId: dev.currentKeyId,
      blindIndexKey: dev.blindIndexKey,
      generated: true,
    };
  }

  override productionProblems(): string[] {
    const problems = super.productionProblems();
    const tlsKeys = [this.GRPC_TLS_CA, this.GRPC_TLS_CERT, this.GRPC_TLS_KEY].filter(Boolean).length;
    if (tlsKeys !== 0 && tlsKeys !== 3) {
      problems.push('GRPC_TLS_CA, GRPC_TLS_CERT and GRPC_TLS_KEY must be set together');
    }
    if (this.PII_ENCRYPTION_CURRENT_KEY_ID && !this.PII_ENCRYPTION_KEYS?.split(',').some((pair) => pair.startsWith(`${this.PII_ENCRYPTION_CURRENT_KEY_ID}:`))) {
      problems.push('PII_ENCRYPTION_CURRENT_KEY_ID names no key in PII_ENCRYPTION_KEYS');
    }
    if (!this.isProduction) return problems;
    if (!this.PII_ENCRYPTION_KEYS) problems.push('PII_ENCRYPTION_KEYS is required in production (generated development keys are refused)');
    if (!this.PII_BLIND_INDEX_KEY) problems.push('PII_BLIND_INDEX_KEY is required in production (generated development keys are refused)');
    if (this.PII_ENCRYPTION_KEYS?.split(',').some((pair) => pair.startsWith(DEV_KEY_ID_PREFIX))) {
      problems.push(`PII_ENCRYPTION_KEYS holds a generated development key (id prefix ${DEV_KEY_ID_PREFIX})`);
    }
    if (this.PII_BLIND_INDEX_KEY && this.PII_ENCRYPTION_KEYS?.includes(`:${this.PII_BLIND_INDEX_KEY}`)) {
      problems.push('PII_BLIND_INDEX_KEY must differ from every encryption key');
    }
    return problems;
  }
}
