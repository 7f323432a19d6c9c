import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { androidDevice, assessAs, assessInput, riskContext, testVault, uniqueId, type RiskContext } from '../testing/risk-context.fixture.js';
import type { Caller } from '../shared/caller.js';
import { AddListEntryUseCase } from './add-list-entry/add-list-entry.use-case.js';
import { ListEntriesUseCase } from './list-entries/list-entries.use-case.js';
import { RemoveListEntryUseCase } from './remove-list-entry/remove-list-entry.use-case.js';

const ANALYST: Caller = { subjectId: 'analyst-1', roles: ['risk_analyst'] };
const HOUR = 3_600_000;

function privateNet(): string {
  const hex = randomUUID().replace(/-/g, '');
  return `10.${parseInt(hex.slice(0, 2), 16)}.${parseInt(hex.slice(2, 4), 16)}`;
}

describe('block and allow lists', () => {
  let context: RiskContext;
  let add: AddListEntryUseCase;
  let remove: RemoveListEntryUseCase;
  let entries: ListEntriesUseCase;

  beforeAll(async () => {
    context = await riskContext(inject('databaseUrl'));
    add = new AddListEntryUseCase(context.lists, testVault, context.clock);
    remove = new RemoveListEntryUseCase(context.lists);
    entries = new ListEntriesUseCase(context.lists);
  });
  afterAll(async () => context.close());

  async function auditEntries(entryId: string): Promise<Array<{ type: string; payload: Record<string, unknown> }>> {
    const rows: Array<{ payload: { type: string; payload: Record<string, unknown> } }> = await context.dataSource.query(
      `SELECT payload FROM risk.outbox WHERE topic = 'audit' AND payload->'payload'->>'entry_id' = $1 ORDER BY id`,
      [entryId],
    );
    return rows.map((row) => ({ type: row.payload.type, payload: row.payload.payload }));
  }

  it('denies a blocked device, and stops when the entry is removed (both changes audited)', async () => {
    const device = androidDevice();
    const known = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }));
    const entry = await add.execute(ANALYST, { list: 'device_block', value: known.device.deviceId, reason: 'mule ring case 42' });

    const blocked = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }));
    expect(blocked.live.outcome).toBe('DENY');
    expect(blocked.live.reasons[0]!.code).toBe('DEVICE_BLOCKED');
    expect(blocked.features.lists.device_block).toBe(true);

    await remove.execute(ANALYST, 'device_block', entry.id);
    const released = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }));
    expect(released.live.outcome).toBe('ALLOW');
    expect((await auditEntries(entry.id)).map((audit) => audit.type)).toEqual(['LIST_ENTRY_ADDED', 'LIST_ENTRY_REMOVED']);
    await expect(remove.execute(ANALYST, 'device_block', entry.id)).rejects.toMatchObject({ code: 'LIST_ENTRY_NOT_FOUND' });
  });

  it('denies any address inside a blocked CIDR, not outside it', async () => {
    const net = privateNet();
    await add.execute(ANALYST, { list: 'ip_block', value: `${net}.0/24`, reason: 'proxy farm' });
    const inside = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device: androidDevice(), ip: `${net}.77` }));
    expect(inside.live.outcome).toBe('DENY');
    expect(inside.live.reasons[0]!.code).toBe('IP_BLOCKED');
    const [, second, third] = net.split('.').map(Number);
    const outside = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device: androidDevice(), ip: `10.${second}.${(third! + 1) % 256}.77` }));
    expect(outside.features.lists.ip_block).toBe(false);
  });

  it('blocks an ID number and a card by blind index only, however they are typed', async () => {
    const idNumber = '11010519491231002X';
    const card = '6222 0212 3456 7890 128';
    const idEntry = await add.execute(ANALYST, { list: 'id_block', value: idNumber, reason: 'identity theft report' });
    const cardEntry = await add.execute(ANALYST, { list: 'card_block', value: card, reason: 'card reported stolen' });
    expect(idEntry.value).toBeUndefined();
    expect(idEntry.blindIndex).toBe(testVault.blindIndex('id_number', idNumber));

    const rows: Array<Record<string, unknown>> = await context.dataSource.query('SELECT * FROM risk.list_entries WHERE id = ANY($1::uuid[])', [
      [idEntry.id, cardEntry.id],
    ]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('11010519491231002');
    expect(stored).not.toContain('6222021234567890128');
    expect(JSON.stringify(await auditEntries(idEntry.id))).not.toContain('11010519491231002');

    const kyc = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device: androidDevice(), eventType: 'KYC', idNumber: '11010519491231002x' }));
    expect(kyc.live.outcome).toBe('DENY');
    expect(kyc.live.reasons[0]!.code).toBe('ID_NUMBER_BLOCKED');
    const bind = await assessAs(
      context,
      assessInput({ subjectId: uniqueId('s'), device: androidDevice(), eventType: 'BIND_CARD', cardNumber: '6222021234567890128' }),
    );
    expect(bind.live.outcome).toBe('DENY');
    expect(bind.live.reasons[0]!.code).toBe('CARD_BLOCKED');
  });

  it('lets the allow list override rules and device blocks, but not a blocked card', async () => {
    const device = androidDevice({ flags: { emulator: true } });
    const first = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }));
    expect(first.live.outcome).toBe('REVIEW');
    await add.execute(ANALYST, { list: 'device_allow', value: first.device.deviceId, reason: 'QA emulator' });
    await add.execute(ANALYST, { list: 'device_block', value: first.device.deviceId, reason: 'conflicting entry' });

    const allowed = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }));
    expect(allowed.live.outcome).toBe('ALLOW');
    expect(allowed.live.reasons.map((reason) => reason.code)).toEqual(expect.arrayContaining(['DEVICE_ALLOWED', 'DEVICE_BLOCKED', 'DEVICE_EMULATOR']));

    const card = '4111111111111111';
    await add.execute(ANALYST, { list: 'card_block', value: card, reason: 'test card abuse' });
    const withCard = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device, eventType: 'BIND_CARD', cardNumber: card }));
    expect(withCard.live.outcome).toBe('DENY');
  });

  it('ignores an expired entry', async () => {
    const device = androidDevice();
    const known = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }));
    await add.execute(ANALYST, {
      list: 'device_block',
      value: known.device.deviceId,
      reason: 'temporary hold',
      expiresAt: new Date(context.clock.now().getTime() + HOUR),
    });
    expect((await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }))).live.outcome).toBe('DENY');
    context.clock.advance(2 * HOUR);
    expect((await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }))).live.outcome).toBe('ALLOW');
    context.clock.set(new Date());
  });

  it('refuses duplicates, invalid values and reasons holding personal data', async () => {
    const net = privateNet();
    await add.execute(ANALYST, { list: 'ip_block', value: `${net}.9`, reason: 'scanner' });
    await expect(add.execute(ANALYST, { list: 'ip_block', value: `${net}.9/32`, reason: 'again' })).rejects.toMatchObject({ code: 'LIST_ENTRY_EXISTS' });
    await expect(add.execute(ANALYST, { list: 'id_block', value: '110105194912310021', reason: 'bad check digit' })).rejects.toMatchObject({
      code: 'LIST_VALUE_INVALID',
    });
    await expect(add.execute(ANALYST, { list: 'device_block', value: 'not-a-device', reason: 'x' })).rejects.toMatchObject({ code: 'LIST_VALUE_INVALID' });
    await expect(add.execute(ANALYST, { list: 'ip_block', value: '300.1.1.1', reason: 'x' })).rejects.toMatchObject({ code: 'LIST_VALUE_INVALID' });
    await expect(add.execute(ANALYST, { list: 'card_block', value: '6222021234567890128', reason: 'customer 13812345678 called' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('pages through a list newest first', async () => {
    const ids = [];
    for (let index = 0; index < 3; index++) {
      const device = androidDevice();
      const known = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device }));
      ids.push((await add.execute(ANALYST, { list: 'device_allow', value: known.device.deviceId, reason: `page ${index}` })).id);
    }
    const first = await entries.execute('device_allow', 2, undefined);
    expect(first.items.map((entry) => entry.id)).toEqual([ids[2], ids[1]]);
    const second = await entries.execute('device_allow', 2, first.nextCursor);
    expect(second.items[0]!.id).toBe(ids[0]);
    await expect(entries.execute('device_allow', 2, 'garbage')).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
