import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestContext } from '../context/request-context.js';
import { redactValue, scrubText } from './redaction.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  app: string;
  level?: string;
  destination?: DestinationStream;
}

/**
 * JSON logs with the request id on every line and personal data redacted
 * before serialisation, whatever the caller passes.
 */
export function createLogger({ app, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { app },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const context = currentRequestContext();
        return context ? { requestId: context.requestId } : {};
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
