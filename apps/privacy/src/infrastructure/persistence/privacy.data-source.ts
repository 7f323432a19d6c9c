import { dataSourceSettingsFrom, type DataSourceSettings } from '#libs/db';
import type { PrivacyConfig } from '../../config/privacy.config.js';
import { CreateAuditLog1732233601000 } from './migrations/1732233601000-create-audit-log.js';
import { CreateConsentsAndDisclosures1732233601100 } from './migrations/1732233601100-create-consents-and-disclosures.js';
import { CreateDataRequests1732233601200 } from './migrations/1732233601200-create-data-requests.js';

export const privacyEntities: Function[] = [];
export const privacyMigrations: Function[] = [CreateAuditLog1732233601000, CreateConsentsAndDisclosures1732233601100, CreateDataRequests1732233601200];

/** What tests and tools need to migrate or open this service's schema. */
export const privacyDataSource = { schema: 'privacy', entities: privacyEntities, migrations: privacyMigrations };

export function privacyDataSourceSettings(config: PrivacyConfig): DataSourceSettings {
  return dataSourceSettingsFrom(config, privacyDataSource);
}
