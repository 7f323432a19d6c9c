import { dataSourceSettingsFrom, runMigrations, createDataSource, type DataSourceSettings } from '#libs/db';
import { gatewayDataSource } from '../../apps/gateway/src/infrastructure/persistence/gateway.data-source.js';
import { identityDataSource } from '../../apps/identity/src/infrastructure/persistence/identity.data-source.js';
import { merchantDataSource } from '../../apps/merchant/src/infrastructure/persistence/merchant.data-source.js';
import { privacyDataSource } from '../../apps/privacy/src/infrastructure/persistence/privacy.data-source.js';
import { riskDataSource } from '../../apps/risk/src/infrastructure/persistence/risk.data-source.js';

/** Every service's schema, in the order `npm start` migrates them. */
export const ALL_SCHEMAS = [privacyDataSource, riskDataSource, identityDataSource, merchantDataSource, gatewayDataSource];

export function testDataSourceSettings(url: string, schema: (typeof ALL_SCHEMAS)[number]): DataSourceSettings {
  return dataSourceSettingsFrom({ DATABASE_URL: url, DB_POOL_SIZE: 4, DB_CONNECT_TIMEOUT_MS: 5000, DB_STATEMENT_TIMEOUT_MS: 30_000 }, schema);
}

/** Applies every service's real migrations, as production does. */
export async function migrateAllSchemas(url: string): Promise<void> {
  for (const schema of ALL_SCHEMAS) {
    const settings = testDataSourceSettings(url, schema);
    await runMigrations(createDataSource(settings), settings.schema);
  }
}
