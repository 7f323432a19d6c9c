import { Injectable } from '@nestjs/common';
import { SandboxConfig } from '../config/sandbox.config.js';
import { Clock } from '../runtime/clock.js';

const WINDOW_MS = 60_000;
// Bounds memory when a test floods the sandbox with distinct ID numbers.
const SWEEP_ABOVE = 10_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * At most SANDBOX_RATE_LIMIT_PER_MINUTE admitted calls per ID number in any
 * sliding 60-second window (a log of admission times, not fixed buckets), so
 * a burst straddling a minute boundary is limited too. Rejected calls do not
 * count.
 */
@Injectable()
export class PerIdRateLimiter {
  private readonly admitted = new Map<string, number[]>();

  constructor(
    private readonly config: SandboxConfig,
    private readonly clock: Clock,
  ) {}

  admit(idNumber: string): RateDecision {
    const limit = this.config.SANDBOX_RATE_LIMIT_PER_MINUTE;
    if (limit === 0) return { allowed: true };
    const now = this.clock.now();
    const recent = (this.admitted.get(idNumber) ?? []).filter((at) => at > now - WINDOW_MS);
    if (recent.length >= limit) {
      this.admitted.set(idNumber, recent);
      return { allowed: false, retryAfterMs: recent[recent.length - limit]! + WINDOW_MS - now };
    }
    recent.push(now);
    this.admitted.set(idNumber, recent);
    if (this.admitted.size > SWEEP_ABOVE) this.sweep(now);
    return { allowed: true };
  }

  reset(): void {
    this.admitted.clear();
  }

  private sweep(now: number): void {
    for (const [id, times] of this.admitted) if (times.every((at) => at <= now - WINDOW_MS)) this.admitted.delete(id);
  }
}
