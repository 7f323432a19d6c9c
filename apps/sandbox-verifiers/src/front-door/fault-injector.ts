import { Injectable } from '@nestjs/common';
import { SandboxConfig } from '../config/sandbox.config.js';
import { Chance } from '../runtime/chance.js';
import { Pause } from '../runtime/pause.js';
import { TencentApiError } from '../tencent/tencent-api.error.js';
import { FaultPlan } from '../world/fault-plan.js';
import { SimulatedLatency } from './simulated-latency.js';

/**
 * The outside world failing: fixture people whose calls always get 503 or
 * are held and then answered 504, plus random 503s at SANDBOX_ERROR_RATE.
 */
@Injectable()
export class FaultInjector {
  constructor(
    private readonly config: SandboxConfig,
    private readonly plan: FaultPlan,
    private readonly chance: Chance,
    private readonly latency: SimulatedLatency,
    private readonly pause: Pause,
  ) {}

  async apply(idNumber: string | undefined): Promise<void> {
    const behaviour = idNumber === undefined ? 'normal' : this.plan.behaviourOf(idNumber);
    if (behaviour === 'timeout') {
      await this.pause.wait(this.config.SANDBOX_TIMEOUT_DELAY_MS);
      throw new TencentApiError(504, 'InternalError.Timeout', 'The upstream verification service did not answer in time.');
    }
    const randomFailure = this.config.SANDBOX_ERROR_RATE > 0 && this.chance.next() < this.config.SANDBOX_ERROR_RATE;
    if (behaviour === 'unavailable' || randomFailure) {
      await this.latency.apply();
      throw new TencentApiError(503, 'ServiceUnavailable', 'The verification service is temporarily unavailable. Retry later.');
    }
  }
}
