import { DomainError } from '#libs/errors';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { classifyError } from './classify-error.js';

/** What real PostgreSQL errors become when a handler lets them escape. */
describe('classifyError on real database errors', () => {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  const failure = async (sql: string, parameters: unknown[]): Promise<unknown> =>
    client.query(sql, parameters).then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it.each([
    ['a NUL character in text', 'SELECT $1::text', ['a\u0000b']],
    ['a malformed uuid', 'SELECT $1::uuid', ['not-a-uuid']],
    ['an impossible date', 'SELECT $1::timestamptz', ['2026-13-45']],
    ['an out-of-range integer', 'SELECT $1::int', ['99999999999']],
  ])('%s is the caller’s bad input, not an internal error', async (_what, sql, parameters) => {
    const classified = classifyError(await failure(sql, parameters));
    expect(classified.error).toBeInstanceOf(DomainError);
    expect([classified.error.code, classified.error.kind]).toEqual(['VALIDATION_FAILED', 'INVALID_INPUT']);
    // Logged by SQLSTATE only: PostgreSQL's message quotes the value.
    expect(classified.logged).toEqual({ sqlstate: expect.stringMatching(/^22/) });
    expect(JSON.stringify(classified.logged)).not.toContain(String(parameters[0]));
  });

  it('leaves other database errors internal', async () => {
    const classified = classifyError(await failure('SELECT * FROM no_such_table_anywhere', []));
    expect([classified.error.code, classified.unexpected]).toEqual(['INTERNAL', true]);
  });
});
