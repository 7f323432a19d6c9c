import { Injectable } from '@nestjs/common';
import { Clock } from '../runtime/clock.js';
import { VERIFIER_ENDPOINTS, type VerifierEndpoint } from '../front-door/verifier-endpoints.js';

export interface RecordedRequest {
  endpoint: string;
  action: string;
  receivedAt: string;
  /** Top-level field names of the JSON body, in the order received. Values are never kept. */
  fields: string[];
}

export interface RecordedTraffic {
  /** Calls per endpoint path since the last clear (not capped like `requests`). */
  counts: Record<string, number>;
  /** The most recent calls, oldest first. */
  requests: RecordedRequest[];
}

const CAPACITY = 1000;

/**
 * What our adapters sent, for tests that prove data minimisation: each call's
 * endpoint, time and the NAMES of the fields it carried.
 */
@Injectable()
export class RequestRecorder {
  private requests: RecordedRequest[] = [];
  private counts = RequestRecorder.zeroCounts();

  constructor(private readonly clock: Clock) {}

  record(endpoint: VerifierEndpoint, body: unknown): void {
    const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
    this.requests.push({ endpoint: endpoint.path, action: endpoint.action, receivedAt: this.clock.today().toISOString(), fields });
    if (this.requests.length > CAPACITY) this.requests.splice(0, this.requests.length - CAPACITY);
    this.counts[endpoint.path] = (this.counts[endpoint.path] ?? 0) + 1;
  }

  traffic(): RecordedTraffic {
    return { counts: { ...this.counts }, requests: this.requests.map((request) => ({ ...request, fields: [...request.fields] })) };
  }

  clear(): void {
    this.requests = [];
    this.counts = RequestRecorder.zeroCounts();
  }

  private static zeroCounts(): Record<string, number> {
    return Object.fromEntries(VERIFIER_ENDPOINTS.map((endpoint) => [endpoint.path, 0]));
  }
}
