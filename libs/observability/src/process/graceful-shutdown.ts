import type { Logger } from 'pino';

/**
 * Stops the process cleanly on SIGINT/SIGTERM, or when the launcher that
 * spawned it with an IPC channel goes away, so no app outlives `npm start`.
 * A shutdown that hangs is cut short rather than leaving a port bound.
 */
export function exitOnShutdownSignal(logger: Logger, close: () => Promise<void>, timeoutMs = 10_000): void {
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'Shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    close().then(
      () => {
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (process.connected) process.once('disconnect', () => stop('launcher exited'));
}

/** Logs a failed boot (a bad config names its keys) and exits non-zero. */
export function exitOnBootFailure(logger: Logger, error: unknown): never {
  logger.fatal({ err: error }, error instanceof Error ? error.message : 'Boot failed');
  logger.flush();
  process.exit(1);
}
