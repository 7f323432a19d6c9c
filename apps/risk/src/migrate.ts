import { migrateAndExit } from '#libs/db';
import { createLogger } from '#libs/observability';
import { loadRiskConfig } from './config/risk.config.js';
import { riskDataSourceSettings } from './infrastructure/persistence/risk.data-source.js';

await migrateAndExit(createLogger({ app: 'risk-migrate' }), () => riskDataSourceSettings(loadRiskConfig()));
