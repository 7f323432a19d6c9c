import { dataSourceSettingsFrom, type DataSourceSettings } from '#libs/db';
import type { GatewayConfig } from '../../config/gateway.config.js';
import { CreateIdempotencyKeys1732233600100 } from './migrations/1732233600100-create-idempotency-keys.js';

export const gatewayMigrations = [CreateIdempotencyKeys1732233600100];

/** What tests and tools need to migrate or open this schema. */
export const gatewayDataSource = { schema: 'gateway', entities: [], migrations: gatewayMigrations };

export function gatewayDataSourceSettings(config: GatewayConfig): DataSourceSettings {
  return dataSourceSettingsFrom(config, gatewayDataSource);
}
