import fc from 'fast-check';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runWithRequestContext } from '../context/request-context.js';
import { createLogger } from './logger.js';
import { redactValue, scrubText } from './redaction.js';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return { lines, stream: new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }) };
}

describe('log redaction', () => {
  it('replaces values under personal-data keys at any depth', () => {
    expect(
      redactValue({ request: { name: '张伟', idNumber: '11010519491231002X', nested: [{ card_number: '6222021234567890123' }] }, route: '/v1/kyc' }),
    ).toEqual({
      request: { name: '[REDACTED]', idNumber: '[REDACTED]', nested: [{ card_number: '[REDACTED]' }] },
      route: '/v1/kyc',
    });
  });

  it('scrubs ID numbers, Luhn-valid cards, mobiles, e-mails and JPEG base64 from free text', () => {
    const text = scrubText('id 11010519491231002X card 4111111111111111 phone +86 13812345678 mail a.b@example.com img /9j/4AAQSkZJRgABAQAAAQABAAD');
    expect(text).toBe('id [ID_NUMBER] card [CARD] phone [PHONE] mail [EMAIL] img [IMAGE]');
  });

  it('leaves ordinary numbers alone (timestamps fail Luhn)', () => {
    expect(scrubText('CreateIdentitySchema1732233600000')).toBe('CreateIdentitySchema1732233600000');
  });

  it('never lets a generated mobile number through (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.stringMatching(/^\d{9}$/),
        (second, rest) => !scrubText(`call 1${second}${rest} now`).includes(`1${second}${rest}`),
      ),
    );
  });

  it('writes JSON lines with the request id and without personal data', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ app: 'test', destination: stream });
    runWithRequestContext({ requestId: 'req-1' }, () => logger.info({ phone: '13812345678', route: '/x' }, 'verified 11010519491231002X'));
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ app: 'test', requestId: 'req-1', phone: '[REDACTED]', route: '/x', msg: 'verified [ID_NUMBER]' });
    expect(lines[0]).not.toContain('13812345678');
  });

  it('redacts error messages and stacks', () => {
    const { lines, stream } = capture();
    createLogger({ app: 'test', destination: stream }).error({ err: new Error('bad card 4111111111111111') }, 'failed');
    expect(lines[0]).not.toContain('4111111111111111');
  });
});
