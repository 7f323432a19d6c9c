import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m', '\x1b[31m'];
const RESET = '\x1b[0m';
let nextColour = 0;

export interface OutputSink {
  attach(app: string, stream: Readable): void;
  close(): Promise<void>;
}

/** Compact one pino JSON line for a terminal; other lines pass through. */
function summarise(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string; [key: string]: unknown };
    const { level = 'info', msg = '', time: _time, app: _app, pid: _pid, hostname: _host, ...rest } = entry;
    const extras = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${level.toUpperCase().padEnd(5)} ${msg}${extras.length > 300 ? `${extras.slice(0, 300)}…` : extras}`;
  } catch {
    return line;
  }
}

/**
 * Each app's raw JSON log goes to `<logDir>/<app>.log`; with `echo`, a
 * readable summary also goes to the terminal, prefixed by app.
 */
export function createOutputSink(logDir: string, echo: boolean): OutputSink {
  mkdirSync(logDir, { recursive: true });
  const files = new Map<string, WriteStream>();
  return {
    attach(app, stream) {
      let file = files.get(app);
      if (!file) {
        file = createWriteStream(join(logDir, `${app}.log`), { flags: 'a' });
        files.set(app, file);
      }
      const colour = COLOURS[nextColour++ % COLOURS.length];
      const target = file;
      createInterface({ input: stream }).on('line', (line) => {
        target.write(`${line}\n`);
        if (echo) process.stdout.write(`${colour}${app.padEnd(17)}${RESET} ${summarise(line)}\n`);
      });
    },
    async close() {
      await Promise.all([...files.values()].map((file) => new Promise<void>((resolve) => file.end(resolve))));
    },
  };
}
