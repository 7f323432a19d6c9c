import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { DomainError } from '#libs/errors';

/**
 * The API's deepest request is a few levels (a merchant form with nested
 * owner and store). Validation, transformation and log redaction all walk a
 * body recursively, so a body nested thousands deep is refused before it is
 * parsed at all.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when brackets nest deeper than `limit` outside strings: one pass over
 * the bytes, no recursion, no parse. UTF-8 never uses these ASCII bytes inside
 * a multi-byte character, so the raw body can be scanned as it arrived. A
 * string (a base64 face image is megabytes of one) is skipped with a native
 * search for its closing quote.
 */
export function jsonNestsDeeperThan(body: Uint8Array, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (byte === QUOTE) {
      index = closingQuote(body, index + 1);
      if (index < 0) return false;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
}

/** Where the string that starts at `from` ends: the next quote not escaped by an odd run of backslashes; -1 if none. */
function closingQuote(body: Uint8Array, from: number): number {
  for (let quote = body.indexOf(QUOTE, from); quote >= 0; quote = body.indexOf(QUOTE, quote + 1)) {
    let backslashes = 0;
    while (quote - 1 - backslashes >= from && body[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/** Fastify's own JSON parser (with its prototype-poisoning guard), behind the depth check. */
export function installJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const parse = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new DomainError('BODY_TOO_DEEP', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(request, body.toString('utf8'), done);
  });
}
