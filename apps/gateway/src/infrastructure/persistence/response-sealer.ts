import type { IdempotencyKeyRef } from '../../edge/idempotency/idempotency-store.js';

/** Port: stored responses are encrypted at rest like any other personal data. */
export abstract class ResponseSealer {
  abstract seal(body: unknown, ref: IdempotencyKeyRef): Buffer;
  abstract open(sealed: Buffer, ref: IdempotencyKeyRef): unknown;
}
