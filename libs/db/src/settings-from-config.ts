import type { DataSourceSettings } from './data-source.factory.js';

/** The database keys every PlatformConfig has; structural so libs/db does not import libs/config. */
export interface DatabaseConfigKeys {
  DATABASE_URL: string;
  DB_POOL_SIZE: number;
  DB_CONNECT_TIMEOUT_MS: number;
  DB_STATEMENT_TIMEOUT_MS: number;
}

export function dataSourceSettingsFrom(
  config: DatabaseConfigKeys,
  service: Pick<DataSourceSettings, 'schema' | 'entities' | 'migrations'>,
): DataSourceSettings {
  return {
    ...service,
    url: config.DATABASE_URL,
    applicationName: `kyc-${service.schema}`,
    poolSize: config.DB_POOL_SIZE,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  };
}
