import { Agent, request } from 'undici';

export interface WireRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface WireResponse {
  status: number;
  body: unknown;
}

/** Thrown when no answer came: refused connection, reset, or timeout. `reachedRecipient` tells whether the request may have arrived. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly reachedRecipient: boolean,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpTransport {
  post(request: WireRequest): Promise<WireResponse>;
  close(): Promise<void>;
}

const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * JSON over HTTP(S) with undici: pooled keep-alive connections, TLS with an
 * optional private CA, and a hard deadline per call.
 *
 * `ca` (PEM text, as the registry loader read and checked it at boot) becomes
 * the only trusted CA of this transport's connections; without it, Node's
 * public CAs are trusted.
 */
export function createHttpTransport(options: { ca?: string } = {}): HttpTransport {
  const agent = new Agent({
    connect: { ...(options.ca ? { ca: options.ca } : {}), rejectUnauthorized: true, timeout: 2000 },
    keepAliveTimeout: 10_000,
    connections: 64,
  });
  return {
    async post({ url, body, headers, timeoutMs }) {
      try {
        const response = await request(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', ...headers },
          dispatcher: agent,
          signal: AbortSignal.timeout(timeoutMs),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const text = await response.body.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // Not JSON: the adapter interprets the status alone.
        }
        return { status: response.statusCode, body: parsed };
      } catch (error) {
        const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code ?? '';
        const timedOut =
          (error as Error).name === 'TimeoutError' ||
          (error as Error).name === 'AbortError' ||
          code === 'UND_ERR_HEADERS_TIMEOUT' ||
          code === 'UND_ERR_BODY_TIMEOUT';
        throw new TransportError(
          timedOut ? 'The recipient did not answer in time' : `The recipient could not be reached (${code || 'network error'})`,
          !NEVER_SENT.has(code),
          timedOut,
        );
      }
    },
    close: () => agent.close(),
  };
}
