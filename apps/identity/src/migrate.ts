import { migrateAndExit } from '#libs/db';
import { createLogger } from '#libs/observability';
import { loadIdentityConfig } from './config/identity.config.js';
import { identityDataSourceSettings } from './infrastructure/persistence/identity.data-source.js';

await migrateAndExit(createLogger({ app: 'identity-migrate' }), () => identityDataSourceSettings(loadIdentityConfig()));
