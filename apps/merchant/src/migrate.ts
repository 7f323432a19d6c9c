import { migrateAndExit } from '#libs/db';
import { createLogger } from '#libs/observability';
import { loadMerchantConfig } from './config/merchant.config.js';
import { merchantDataSourceSettings } from './infrastructure/persistence/merchant.data-source.js';

await migrateAndExit(createLogger({ app: 'merchant-migrate' }), () => merchantDataSourceSettings(loadMerchantConfig()));
