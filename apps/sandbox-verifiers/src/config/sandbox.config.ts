import { loadConfig, RuntimeConfig, type Env } from '#libs/config';
import { IsInt, IsNumber, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/**
 * Settings of the stand-in for the outside world (ID authority, face vendor, card network).
 * Every property is annotated even where the default implies the type: the
 * compiler emits `design:type Object` for an inferred type, and then the
 * implicit conversion of loadConfig leaves `"8090"` a string.
 */
export class SandboxConfig extends RuntimeConfig {
  @IsString()
  @MinLength(1)
  SANDBOX_HOST: string = '127.0.0.1';

  /** 0 picks a free port (tests). */
  @IsInt()
  @Min(0)
  @Max(65535)
  SANDBOX_PORT: number = 8090;

  /** PEM files; both set turns on HTTPS, so adapters can be tested against TLS too. */
  @IsOptional()
  @IsString()
  SANDBOX_TLS_CERT?: string;

  @IsOptional()
  @IsString()
  SANDBOX_TLS_KEY?: string;

  /** Mean added latency of every verifier call; the actual delay is uniform in ±50%. 0 disables it. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  SANDBOX_LATENCY_MS: number = 30;

  /** How long calls for the "timeout" fixture person are held before the 504. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  SANDBOX_TIMEOUT_DELAY_MS: number = 30_000;

  /** Probability (0..1) that a verifier call gets a random 503. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  SANDBOX_ERROR_RATE: number = 0;

  /** Calls per ID number per sliding minute, across all three verifier APIs. 0 disables the limit. */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  SANDBOX_RATE_LIMIT_PER_MINUTE: number = 15;

  /** Where identities.json and photos/ live; found by walking up from the code when unset. */
  @IsOptional()
  @IsString()
  SANDBOX_FIXTURES_DIR?: string;

  get tlsConfigured(): boolean {
    return Boolean(this.SANDBOX_TLS_CERT && this.SANDBOX_TLS_KEY);
  }

  override productionProblems(): string[] {
    const problems = super.productionProblems();
    if (Boolean(this.SANDBOX_TLS_CERT) !== Boolean(this.SANDBOX_TLS_KEY)) {
      problems.push('SANDBOX_TLS_CERT and SANDBOX_TLS_KEY must be set together');
    }
    // It answers "match" for made-up people: never let it stand in for a real provider.
    if (this.isProduction) problems.push('sandbox-verifiers is a test double and refuses NODE_ENV=production');
    return problems;
  }
}

/** The only place the sandbox reads the environment. */
export function loadSandboxConfig(env: Env = process.env): SandboxConfig {
  return loadConfig('sandbox-verifiers', SandboxConfig, env);
}
