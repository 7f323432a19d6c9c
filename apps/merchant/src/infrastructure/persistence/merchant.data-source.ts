import { dataSourceSettingsFrom, type DataSourceSettings } from '#libs/db';
import type { MerchantConfig } from '../../config/merchant.config.js';
import { CreateMerchantSchema1732233602000 } from './migrations/1732233602000-create-merchant-schema.js';
import { SubjectDataRights1732233602100 } from './migrations/1732233602100-subject-data-rights.js';

export const merchantEntities: Function[] = [];
export const merchantMigrations: Function[] = [CreateMerchantSchema1732233602000, SubjectDataRights1732233602100];

/** What tests and tools need to migrate or open this service's schema. */
export const merchantDataSource = { schema: 'merchant', entities: merchantEntities, migrations: merchantMigrations };

export function merchantDataSourceSettings(config: MerchantConfig): DataSourceSettings {
  return dataSourceSettingsFrom(config, merchantDataSource);
}
