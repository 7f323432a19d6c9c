import { IsIn, IsString, MinLength } from 'class-validator';
import { resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every process has. */
export class RuntimeConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Development data: embedded PostgreSQL, generated keys, logs. Ignored by git. */
  @IsString()
  @MinLength(1)
  KYC_DATA_DIR: string = '.data';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get dataDir(): string {
    return resolve(this.KYC_DATA_DIR);
  }

  productionProblems(): string[] {
    return [];
  }
}
