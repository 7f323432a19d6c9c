import { createLogger, exitOnBootFailure, exitOnShutdownSignal } from '#libs/observability';
import { loadSandboxConfig } from './config/sandbox.config.js';
import { startSandbox } from './start-sandbox.js';

const logger = createLogger({ app: 'sandbox-verifiers' });
try {
  const config = loadSandboxConfig();
  logger.level = config.LOG_LEVEL;
  const sandbox = await startSandbox(config, { logger });
  exitOnShutdownSignal(logger, () => sandbox.close());
} catch (error) {
  exitOnBootFailure(logger, error);
}
