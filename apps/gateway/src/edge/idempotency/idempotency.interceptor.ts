import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { RequestWithCaller } from '../auth/current-caller.decorator.js';
import { IdempotencyStore, type IdempotencyKeyRef } from './idempotency-store.js';
import { requestFingerprint } from './request-fingerprint.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const WAIT_STEP_MS = 50;
const WAIT_LIMIT_MS = 15_000;

/**
 * `Idempotency-Key` semantics: the first request with a key executes; a
 * replay gets the stored response (marked `Idempotent-Replayed: true`) and
 * never reaches the backend; a concurrent duplicate waits for the first to
 * finish; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED.
 * Failures release the key, so a retry executes.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithCaller>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new DomainError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1-255 printable ASCII characters');
    }
    if (!request.caller) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
    const ref: IdempotencyKeyRef = { callerId: request.caller.subjectId, key };
    const fingerprint = requestFingerprint(request.method, request.routeOptions.url ?? request.url, request.params, request.body);
    return from(this.run(ref, fingerprint, reply, next));
  }

  private async run(ref: IdempotencyKeyRef, fingerprint: string, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    const waitUntil = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const claim = await this.store.claim(ref, fingerprint);
      if (claim.kind === 'mismatch') throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
      if (claim.kind === 'replay') {
        void reply.status(claim.status).header('idempotent-replayed', 'true');
        return claim.body;
      }
      if (claim.kind === 'new') return this.execute(ref, reply, next);
      if (Date.now() > waitUntil) throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still in progress');
      await sleep(WAIT_STEP_MS);
    }
  }

  private async execute(ref: IdempotencyKeyRef, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.store.release(ref).catch(() => undefined);
      throw error;
    }
    const status = reply.statusCode;
    if (status >= 200 && status < 300) await this.store.complete(ref, status, body);
    else await this.store.release(ref);
    return body;
  }
}
