import { dataSourceSettingsFrom, type DataSourceSettings } from '#libs/db';
import type { IdentityConfig } from '../../config/identity.config.js';
import { CreateIdentitySchema1732233600000 } from './migrations/1732233600000-create-identity-schema.js';
import { CreateVerificationSessions1732233602000 } from './migrations/1732233602000-create-verification-sessions.js';
import { SubjectDataRights1732233604000 } from './migrations/1732233604000-subject-data-rights.js';

export const identityEntities: Function[] = [];
export const identityMigrations: Function[] = [CreateIdentitySchema1732233600000, CreateVerificationSessions1732233602000, SubjectDataRights1732233604000];

/** What tests and tools need to migrate or open this service's schema. */
export const identityDataSource = { schema: 'identity', entities: identityEntities, migrations: identityMigrations };

export function identityDataSourceSettings(config: IdentityConfig): DataSourceSettings {
  return dataSourceSettingsFrom(config, identityDataSource);
}
