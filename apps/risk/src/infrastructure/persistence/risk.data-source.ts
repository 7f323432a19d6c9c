import { dataSourceSettingsFrom, type DataSourceSettings } from '#libs/db';
import type { RiskConfig } from '../../config/risk.config.js';
import { CreateRiskSchema1732233603000 } from './migrations/1732233603000-create-risk-schema.js';
import { SubjectDataRightsAndReviews1732233605000 } from './migrations/1732233605000-subject-data-rights-and-reviews.js';
import { LocatedEventsIndex1732233606000 } from './migrations/1732233606000-located-events-index.js';

/**
 * Risk's adapters speak SQL (arrays, unnest, partitioned tables, advisory
 * locks) rather than entity mapping, so there are no entities to register.
 */
export const riskEntities: Function[] = [];
export const riskMigrations: Function[] = [CreateRiskSchema1732233603000, SubjectDataRightsAndReviews1732233605000, LocatedEventsIndex1732233606000];

/** What tests and tools need to migrate or open this service's schema. */
export const riskDataSource = { schema: 'risk', entities: riskEntities, migrations: riskMigrations };

export function riskDataSourceSettings(config: RiskConfig): DataSourceSettings {
  return dataSourceSettingsFrom(config, riskDataSource);
}
