import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem.js';

const ANSWERS: Record<string, [status: number, code: string, title: string, detail: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'Request Header Fields Too Large', 'The URL or the headers exceed 16 KB'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'Request Timeout', 'The request was not received in time'],
};
const MALFORMED: [number, string, string, string] = [400, 'MALFORMED_REQUEST', 'Bad Request', 'The HTTP request could not be parsed'];

/**
 * Node's HTTP parser rejects some requests (a URL or headers over its limit,
 * a broken request line) before Fastify routes them. They still get a
 * problem+json body with a stable code, like every other refusal.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, title, detail] = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify({ type: problemType(code), title, status, code, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
