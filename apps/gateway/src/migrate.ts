import { migrateAndExit } from '#libs/db';
import { createLogger } from '#libs/observability';
import { loadGatewayConfig } from './config/gateway.config.js';
import { gatewayDataSourceSettings } from './infrastructure/persistence/gateway.data-source.js';

await migrateAndExit(createLogger({ app: 'gateway-migrate' }), () => gatewayDataSourceSettings(loadGatewayConfig()));
