import './sharing-errors.js';
import CircuitBreaker from 'opossum';
import { DomainError } from '#libs/errors';
import { fromGrpcError } from '#libs/grpc';
import type { Logger } from '#libs/observability';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHttpTransport, TransportError, type HttpTransport, type WireResponse } from '../http/http-transport.js';
import type { DisclosurePurpose } from '../registry/purposes.js';
import type { Recipient, RecipientPurposeRule, RecipientRegistry } from '../registry/recipient.js';
import type { Interpretation } from './disclosure-outcome.js';
import type { DisclosureAuthority } from './privacy-port.js';

export type FieldValue = string | number | boolean | string[] | Record<string, unknown> | Record<string, unknown>[];
export type Payload = Record<string, FieldValue | undefined>;

export interface AdapterDependencies {
  privacy: DisclosureAuthority;
  registry: RecipientRegistry;
  /** The service sending, e.g. `identity`; recorded on every disclosure. */
  requestedBy: string;
  logger: Logger;
  /** Overrides the HTTP transport, which is otherwise built for the recipient (its registry `ca_file`, if any). */
  transport?: HttpTransport;
}

export interface SendOptions {
  /** Blind indexes or masked values for the disclosure record; never data. */
  references?: Record<string, string>;
  /** The target of a `dynamic` recipient (a merchant's webhook URL). */
  url?: string;
  /** Extra headers computed from the exact body sent (e.g. a signature). */
  headers?: (body: string) => Record<string, string>;
}

/** Why nothing usable came back; callers turn it into a retryable UNAVAILABLE result. */
export class UpstreamUnavailableError extends DomainError {
  constructor(
    readonly reason: 'TIMEOUT' | 'UNREACHABLE' | 'RATE_LIMITED' | 'SERVER_ERROR' | 'CIRCUIT_OPEN',
    readonly disclosureId?: string,
  ) {
    super(reason === 'RATE_LIMITED' ? 'UPSTREAM_RATE_LIMITED' : 'UPSTREAM_UNAVAILABLE', `The recipient is unavailable (${reason})`);
  }
}

const RETRY_DELAYS_MS = [100, 400];

/**
 * The one way personal data leaves the system. A subclass names its
 * recipient and purpose and reads the recipient's answer; this base:
 *
 * 1. checks at first use that the registry allows every field it sends (a
 *    field outside the registry is a programming error and throws);
 * 2. asks the privacy service to authorise the disclosure, which records it
 *    before anything is sent; if that service is unreachable, nothing is
 *    sent (fail closed);
 * 3. sends exactly the authorised fields, renamed for the wire by the
 *    registry's field map, over HTTP(S) with a deadline, retrying only when
 *    the call is idempotent or provably never arrived, behind a circuit
 *    breaker;
 * 4. reports the outcome, billing and latency with CompleteDisclosure.
 */
export abstract class AuditedAdapter<P extends Payload, R> {
  abstract readonly recipientId: string;
  abstract readonly purpose: DisclosurePurpose;
  /** Reads a 2xx/4xx answer. 429, 5xx and transport failures never reach it. */
  protected abstract interpret(response: WireResponse): Interpretation<R>;

  private checked: { recipient: Recipient; rule: RecipientPurposeRule } | undefined;
  private http: HttpTransport | undefined;
  private breaker: CircuitBreaker<[string, string, Record<string, string>, number], WireResponse> | undefined;

  constructor(protected readonly deps: AdapterDependencies) {
    this.http = deps.transport;
  }

  async send(subjectId: string, payload: P, options: SendOptions = {}): Promise<R> {
    const { recipient, rule } = this.registryEntry();
    const fields = Object.keys(payload).filter((field) => payload[field] !== undefined);
    const stray = fields.filter((field) => !rule.fields.includes(field));
    if (stray.length)
      throw new Error(
        `Programming error: ${this.constructor.name} tried to send ${stray.join(', ')} to ${recipient.id}, which the registry does not allow for ${rule.purpose}`,
      );
    if (this.circuit().opened) throw new UpstreamUnavailableError('CIRCUIT_OPEN');

    const authorization = await this.authorize(subjectId, fields, options.references ?? {});
    const started = Date.now();
    let interpretation: Interpretation<R> | undefined;
    let failure: unknown;
    try {
      if ([...authorization.fields].sort().join() !== [...fields].sort().join())
        throw new Error('Programming error: the authorised fields differ from the payload');
      const body = JSON.stringify(Object.fromEntries(fields.map((field) => [recipient.fieldMap[field] ?? field, payload[field]])));
      const response = await this.deliver(this.targetUrl(recipient, options), body, options.headers?.(body) ?? {}, recipient);
      interpretation = this.interpretStatus(response, authorization.disclosureId);
    } catch (error) {
      failure = error;
    }
    await this.complete(authorization.disclosureId, interpretation, failure, Date.now() - started);
    if (failure) throw failure instanceof UpstreamUnavailableError ? new UpstreamUnavailableError(failure.reason, authorization.disclosureId) : failure;
    return interpretation!.result;
  }

  /** Hands the body over. HTTP by default; a recipient of another kind overrides this. */
  protected async deliver(url: string, body: string, headers: Record<string, string>, recipient: Recipient): Promise<WireResponse> {
    try {
      return await this.circuit().fire(url, body, headers, recipient.endpoint.timeoutMs);
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') throw new UpstreamUnavailableError('CIRCUIT_OPEN');
      throw error;
    }
  }

  private registryEntry(): { recipient: Recipient; rule: RecipientPurposeRule } {
    if (this.checked) return this.checked;
    const recipient = this.deps.registry.find(this.recipientId);
    const rule = this.deps.registry.rule(this.recipientId, this.purpose);
    if (!recipient || !rule)
      throw new Error(`Programming error: ${this.constructor.name} names ${this.recipientId}/${this.purpose}, which the registry does not declare`);
    return (this.checked = { recipient, rule });
  }

  /**
   * The recipient's transport, built at first use: the subclass's
   * `recipientId` is not set yet while this base's constructor runs. Its CA
   * is the registry's `ca_file` as read and checked at boot, so no file is
   * read here; without one, the public CAs are trusted.
   */
  private transport(): HttpTransport {
    return (this.http ??= createHttpTransport({ ca: this.registryEntry().recipient.endpoint.ca }));
  }

  private targetUrl(recipient: Recipient, options: SendOptions): string {
    if (recipient.endpoint.kind === 'dynamic') {
      if (!options.url || !/^https?:\/\//.test(options.url)) throw new Error(`Programming error: ${recipient.id} needs a target URL per call`);
      return options.url;
    }
    return recipient.endpoint.url ?? '';
  }

  private async authorize(subjectId: string, fields: string[], references: Record<string, string>): Promise<{ disclosureId: string; fields: string[] }> {
    try {
      return await this.deps.privacy.authorizeDisclosure(
        { subjectId, recipientId: this.recipientId, purpose: this.purpose, fields, requestedBy: this.deps.requestedBy, references },
        { timeoutMs: 3000 },
      );
    } catch (error) {
      const domain = fromGrpcError(error);
      if (domain.kind === 'UNAVAILABLE' || domain.kind === 'INTERNAL')
        throw new DomainError('PRIVACY_UNAVAILABLE', 'Disclosure could not be authorised; nothing was sent');
      throw domain;
    }
  }

  private interpretStatus(response: WireResponse, disclosureId: string): Interpretation<R> {
    if (response.status === 429) throw new UpstreamUnavailableError('RATE_LIMITED', disclosureId);
    if (response.status >= 500) throw new UpstreamUnavailableError('SERVER_ERROR', disclosureId);
    return this.interpret(response);
  }

  private async complete(disclosureId: string, interpretation: Interpretation<R> | undefined, failure: unknown, latencyMs: number): Promise<void> {
    const unavailable = failure instanceof UpstreamUnavailableError && failure.reason !== 'CIRCUIT_OPEN';
    const outcome = interpretation?.outcome ?? (unavailable || failure instanceof TransportError ? 'UNAVAILABLE' : 'NOT_SENT');
    const request = {
      disclosureId,
      outcome,
      billed: interpretation?.billed ?? false,
      latencyMs: Math.max(0, Math.round(latencyMs)),
      resultCode: interpretation?.resultCode ?? (failure instanceof UpstreamUnavailableError ? failure.reason : undefined),
    };
    // The data has gone (or not) either way; a lost completion must not fail the caller, but it is retried and logged.
    for (const delay of [0, ...RETRY_DELAYS_MS]) {
      if (delay) await sleep(delay);
      try {
        await this.deps.privacy.completeDisclosure(request, { timeoutMs: 3000 });
        return;
      } catch {
        // retried below
      }
    }
    this.deps.logger.error({ disclosureId, outcome }, 'Could not record a disclosure outcome');
  }

  private circuit(): CircuitBreaker<[string, string, Record<string, string>, number], WireResponse> {
    if (this.breaker) return this.breaker;
    const { recipient } = this.registryEntry();
    const call = async (url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<WireResponse> => {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await this.transport().post({ url, body, headers, timeoutMs });
          if (response.status >= 500 && recipient.endpoint.idempotent && attempt < RETRY_DELAYS_MS.length) {
            await sleep(RETRY_DELAYS_MS[attempt]!);
            continue;
          }
          if (response.status >= 500) throw new UpstreamUnavailableError('SERVER_ERROR');
          return response;
        } catch (error) {
          if (!(error instanceof TransportError)) throw error;
          // Retry when the recipient never got the request, or when a repeat is harmless.
          const retryable = !error.reachedRecipient || recipient.endpoint.idempotent;
          if (retryable && attempt < RETRY_DELAYS_MS.length) {
            await sleep(RETRY_DELAYS_MS[attempt]!);
            continue;
          }
          throw new UpstreamUnavailableError(error.timedOut ? 'TIMEOUT' : 'UNREACHABLE');
        }
      }
    };
    this.breaker = new CircuitBreaker(call, {
      timeout: false,
      errorThresholdPercentage: 50,
      volumeThreshold: 10,
      resetTimeout: 10_000,
      rollingCountTimeout: 10_000,
    });
    this.breaker.on('open', () => this.deps.logger.warn({ recipient: recipient.id }, 'Circuit opened: the recipient keeps failing'));
    this.breaker.on('close', () => this.deps.logger.info({ recipient: recipient.id }, 'Circuit closed'));
    return this.breaker;
  }

  async close(): Promise<void> {
    this.breaker?.shutdown();
    await this.http?.close();
  }
}
