import { Injectable } from '@nestjs/common';
import { SandboxConfig } from '../config/sandbox.config.js';
import { Chance } from '../runtime/chance.js';
import { Pause } from '../runtime/pause.js';

/** Real providers answer in tens of milliseconds, not instantly: SANDBOX_LATENCY_MS ±50%, uniformly. */
@Injectable()
export class SimulatedLatency {
  constructor(
    private readonly config: SandboxConfig,
    private readonly chance: Chance,
    private readonly pause: Pause,
  ) {}

  async apply(): Promise<void> {
    const mean = this.config.SANDBOX_LATENCY_MS;
    if (mean === 0) return;
    await this.pause.wait(Math.round(mean * (0.5 + this.chance.next())));
  }
}
