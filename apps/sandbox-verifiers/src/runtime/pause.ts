import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every deliberate delay (latency, the held "timeout" calls) goes through
 * here, so shutting down cuts them short instead of waiting up to
 * SANDBOX_TIMEOUT_DELAY_MS for held requests to drain.
 */
@Injectable()
export class Pause implements BeforeApplicationShutdown {
  private readonly shutdown = new AbortController();

  async wait(ms: number): Promise<void> {
    if (ms <= 0 || this.shutdown.signal.aborted) return;
    await sleep(ms, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
  }

  beforeApplicationShutdown(): void {
    this.shutdown.abort();
  }
}
