import 'reflect-metadata';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

export interface DataSourceSettings {
  url: string;
  /** The PostgreSQL schema this service owns; its migrations table lives there too. */
  schema: string;
  /** Used as `application_name`, so `pg_stat_activity` tells services apart. */
  applicationName: string;
  entities: MixedList<Function | EntitySchema>;
  migrations: Function[];
  poolSize?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
}

/**
 * A service's data source. Schema changes happen only through reviewed
 * migrations: `synchronize` stays off outside throwaway test databases.
 */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    applicationName: settings.applicationName,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize: settings.poolSize ?? 10,
    connectTimeoutMS: settings.connectTimeoutMs ?? 2000,
    extra: {
      statement_timeout: settings.statementTimeoutMs ?? 10_000,
      idle_in_transaction_session_timeout: 30_000,
      // A dead server must not hold a caller for the TCP timeout.
      keepAlive: true,
    },
  });
}
