import { DomainError } from '#libs/errors';
import { encodeCursor } from '#libs/db';
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { privacyHarness, type PrivacyHarness } from '../../testing/privacy-harness.fixture.js';
import { subjectRef } from '../subject-ref.js';
import { ListAuditEntriesUseCase, type AuditFilter } from './list-audit-entries.use-case.js';

interface Seeded {
  seq: number;
  type: string;
  subjectId: string;
  occurredAt: Date;
}

interface Page {
  seqs: number[];
  nextCursor: string | undefined;
}

const MINUTE = 60_000;

/**
 * The query behind GET /v1/analyst/audit against the run's shared database.
 * Other specs append to the same log at the same time, so every query here
 * narrows to this spec's own entries: a random subject, or a random window
 * of occurred_at centuries away from anyone else's clock.
 */
describe('listing the audit log page by page (subject, type, from/to, cursor)', () => {
  let privacy: PrivacyHarness;
  let list: ListAuditEntriesUseCase;
  const run = randomUUID();
  const alice = `user-${run}-a`;
  const bob = `user-${run}-b`;
  // A random minute in 2200-2299: no other spec writes entries that occurred there.
  const base = Date.UTC(2200, 0, 1) + randomInt(0, 50_000_000) * MINUTE;
  const at = (minute: number): Date => new Date(base + minute * MINUTE);
  const seeded: Seeded[] = [];
  let appendCount = 0;

  async function append(subjectId: string, type: string, minute: number): Promise<Seeded> {
    appendCount += 1;
    const occurredAt = at(minute);
    const [seq] = await privacy.append.execute([
      {
        source: 'risk',
        sourceId: `list-paging-${run}-${appendCount}`,
        type,
        actor: { type: 'staff', id: 'analyst-paging' },
        subjectId,
        payloadJson: JSON.stringify({ list: 'device_block', entry_id: `e${appendCount}`, reason: 'fraud ring' }),
        occurredAt: occurredAt.toISOString(),
      },
    ]);
    const entry = { seq: Number(seq), type, subjectId, occurredAt };
    seeded.push(entry);
    return entry;
  }

  /** Follows next_cursor from the first page to the last, refusing to loop forever. */
  async function allPages(filter: Omit<AuditFilter, 'cursor'>, between?: (pageIndex: number) => Promise<void>): Promise<Page[]> {
    const pages: Page[] = [];
    let cursor: string | undefined;
    do {
      const page = await list.execute({ ...filter, ...(cursor ? { cursor } : {}) });
      pages.push({ seqs: page.items.map((item) => Number(item.seq)), nextCursor: page.nextCursor });
      cursor = page.nextCursor;
      if (pages.length > 100) throw new Error('the cursor never ran out');
      if (cursor && between) await between(pages.length);
    } while (cursor);
    return pages;
  }

  const newestFirst = (entries: Seeded[]): number[] => entries.map((entry) => entry.seq).sort((a, b) => b - a);
  const sizes = (pages: Page[]): number[] => pages.map((page) => page.seqs.length);

  /** No seq twice, every page strictly older than the one before, only the last page without a cursor. */
  function expectWellFormed(pages: Page[]): void {
    const flat = pages.flatMap((page) => page.seqs);
    expect(new Set(flat).size).toBe(flat.length);
    expect(flat).toEqual([...flat].sort((a, b) => b - a));
    expect(pages.slice(0, -1).every((page) => typeof page.nextCursor === 'string' && page.nextCursor.length > 0)).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeUndefined();
    expect(pages.every((page) => page.seqs.length > 0)).toBe(true);
  }

  beforeAll(async () => {
    privacy = await privacyHarness(inject('databaseUrl'));
    list = new ListAuditEntriesUseCase(privacy.log);
    // 24 entries for alice (16 LIST_ENTRY_ADDED, 8 CONSENT_GRANTED) with one of bob's between each two,
    // so alice's seqs are never contiguous. Occurred-at times run against seq order on purpose.
    for (let i = 0; i < 24; i++) {
      await append(alice, i % 3 === 2 ? 'CONSENT_GRANTED' : 'LIST_ENTRY_ADDED', 1000 - i * 10);
      await append(bob, i % 2 === 0 ? 'CONSENT_GRANTED' : 'LIST_ENTRY_ADDED', 1000 - i * 10 - 5);
    }
  });
  afterAll(async () => {
    await privacy?.close();
  });

  const of = (subjectId: string, type?: string): Seeded[] =>
    seeded.filter((entry) => entry.subjectId === subjectId && (type === undefined || entry.type === type));

  it('walks one subject’s entries newest first: pages neither overlap nor skip, and the last has no cursor', async () => {
    const pages = await allPages({ subjectId: alice, limit: 5 });
    expectWellFormed(pages);
    expect(sizes(pages)).toEqual([5, 5, 5, 5, 4]);
    expect(pages.flatMap((page) => page.seqs)).toEqual(newestFirst(of(alice)));
    // The same rows as one big page.
    const whole = await list.execute({ subjectId: alice, limit: 500 });
    expect(whole.items.map((item) => Number(item.seq))).toEqual(newestFirst(of(alice)));
    expect(whole.nextCursor).toBeUndefined();
    expect(new Set(whole.items.map((item) => item.subjectRef))).toEqual(new Set([subjectRef(privacy.vault, alice)]));
  });

  it('ends with no cursor when the last page is exactly full (no empty page after it)', async () => {
    const byEight = await allPages({ subjectId: alice, limit: 8 });
    expect(sizes(byEight)).toEqual([8, 8, 8]);
    expectWellFormed(byEight);
    expect(byEight.flatMap((page) => page.seqs)).toEqual(newestFirst(of(alice)));

    const one = await list.execute({ subjectId: alice, type: 'CONSENT_GRANTED', limit: 8 });
    expect(one.items).toHaveLength(8);
    expect(one.nextCursor).toBeUndefined();
  });

  it('pages one entry at a time through every entry', async () => {
    const pages = await allPages({ subjectId: alice, type: 'CONSENT_GRANTED', limit: 1 });
    expect(sizes(pages)).toEqual(Array.from({ length: 8 }, () => 1));
    expectWellFormed(pages);
    expect(pages.flatMap((page) => page.seqs)).toEqual(newestFirst(of(alice, 'CONSENT_GRANTED')));
  });

  it('keeps the type filter on every page', async () => {
    const pages = await allPages({ subjectId: alice, type: 'LIST_ENTRY_ADDED', limit: 3 });
    expectWellFormed(pages);
    expect(sizes(pages)).toEqual([3, 3, 3, 3, 3, 1]);
    expect(pages.flatMap((page) => page.seqs)).toEqual(newestFirst(of(alice, 'LIST_ENTRY_ADDED')));
    const items = (await list.execute({ subjectId: alice, type: 'LIST_ENTRY_ADDED', limit: 500 })).items;
    expect(new Set(items.map((item) => item.type))).toEqual(new Set(['LIST_ENTRY_ADDED']));
  });

  it('keeps a from (inclusive) / to (exclusive) window on every page, whatever order the entries occurred in', async () => {
    // Alice's minutes are 1000, 990, ..., 770; the window [850, 950) holds 940 down to 850: 10 entries.
    const from = at(850).toISOString();
    const to = at(950).toISOString();
    const expected = of(alice).filter((entry) => entry.occurredAt >= at(850) && entry.occurredAt < at(950));
    expect(expected).toHaveLength(10);
    expect(expected.some((entry) => entry.occurredAt.getTime() === at(850).getTime())).toBe(true);
    expect(seeded.some((entry) => entry.subjectId === alice && entry.occurredAt.getTime() === at(950).getTime())).toBe(true);

    const pages = await allPages({ subjectId: alice, from, to, limit: 4 });
    expectWellFormed(pages);
    expect(sizes(pages)).toEqual([4, 4, 2]);
    expect(pages.flatMap((page) => page.seqs)).toEqual(newestFirst(expected));
  });

  it('combines type and window without a subject, over both subjects’ entries', async () => {
    // Every entry in [800, 900), both subjects, of one type. The window is this spec's alone.
    const expected = seeded.filter((entry) => entry.type === 'CONSENT_GRANTED' && entry.occurredAt >= at(800) && entry.occurredAt < at(900));
    expect(new Set(expected.map((entry) => entry.subjectId))).toEqual(new Set([alice, bob]));
    const pages = await allPages({ type: 'CONSENT_GRANTED', from: at(800).toISOString(), to: at(900).toISOString(), limit: 2 });
    expectWellFormed(pages);
    expect(pages.flatMap((page) => page.seqs)).toEqual(newestFirst(expected));
  });

  it('answers an empty last page for a window with nothing in it, without a cursor', async () => {
    const page = await list.execute({ subjectId: alice, from: at(5000).toISOString(), to: at(6000).toISOString(), limit: 5 });
    expect(page).toEqual({ items: [], nextCursor: undefined });
    const backwards = await list.execute({ subjectId: alice, from: at(900).toISOString(), to: at(800).toISOString(), limit: 5 });
    expect(backwards).toEqual({ items: [], nextCursor: undefined });
  });

  it('is not shifted by entries appended while a client pages: no repeats, no gaps, new entries only on a fresh first page', async () => {
    const carol = `user-${run}-c`;
    const before: Seeded[] = [];
    for (let i = 0; i < 7; i++) before.push(await append(carol, 'DATA_ACCESSED', 2000 + i));
    const added: Seeded[] = [];
    const pages = await allPages({ subjectId: carol, limit: 3 }, async () => {
      added.push(await append(carol, 'DATA_ACCESSED', 3000 + added.length));
      added.push(await append(carol, 'DATA_ACCESSED', 3000 + added.length));
    });
    expectWellFormed(pages);
    expect(sizes(pages)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.seqs)).toEqual(newestFirst(before));
    expect(added).toHaveLength(4);

    const fresh = await list.execute({ subjectId: carol, limit: 4 });
    expect(fresh.items.map((item) => Number(item.seq))).toEqual(newestFirst(added));
    expect(fresh.nextCursor).toBeDefined();
  });

  it('applies the filter given with a cursor to everything older than the cursor', async () => {
    // A cursor marks a place in the log (a seq), not a result set: under another filter it still means "older than here".
    const first = await list.execute({ subjectId: alice, limit: 5 });
    const last = Number(first.items.at(-1)!.seq);
    const rest = await list.execute({ subjectId: alice, type: 'CONSENT_GRANTED', cursor: first.nextCursor!, limit: 500 });
    expect(rest.items.map((item) => Number(item.seq))).toEqual(newestFirst(of(alice, 'CONSENT_GRANTED').filter((entry) => entry.seq < last)));
    expect(rest.items.every((item) => item.type === 'CONSENT_GRANTED')).toBe(true);
  });

  it('refuses a cursor it did not issue with CURSOR_INVALID', async () => {
    const forged = [encodeCursor({ position: 4 }), encodeCursor({ seq: 'abc' }), encodeCursor({ seq: '' }), encodeCursor({ seq: '-1' })];
    for (const cursor of ['not-a-cursor', ...forged, 'x'.repeat(600)]) {
      await expect(list.execute({ subjectId: alice, cursor, limit: 5 })).rejects.toSatisfy(
        (error: unknown) => DomainError.is(error) && error.code === 'CURSOR_INVALID',
      );
    }
  });
});
