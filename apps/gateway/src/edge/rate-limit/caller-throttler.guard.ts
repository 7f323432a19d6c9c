import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { RequestWithCaller } from '../auth/current-caller.decorator.js';

/**
 * Per-caller limits: an authenticated caller is counted by token subject
 * (so callers behind one NAT do not share a budget), others by client IP.
 * Counters live in this process; behind several gateway instances the
 * effective limit is per instance (see docs/operations.md).
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown> & RequestWithCaller): Promise<string> {
    return request.caller ? `caller:${request.caller.subjectId}` : `ip:${String(request['ip'])}`;
  }
}
