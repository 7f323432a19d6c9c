import { migrateAndExit } from '#libs/db';
import { createLogger } from '#libs/observability';
import { loadPrivacyConfig } from './config/privacy.config.js';
import { privacyDataSourceSettings } from './infrastructure/persistence/privacy.data-source.js';

await migrateAndExit(createLogger({ app: 'privacy-migrate' }), () => privacyDataSourceSettings(loadPrivacyConfig()));
