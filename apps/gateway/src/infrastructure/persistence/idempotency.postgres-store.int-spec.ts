import { createDataSource } from '#libs/db';
import { createPiiVault } from '#libs/pii';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDataSourceSettings } from '../../../../../test/setup/schemas.js';
import { gatewayDataSource } from './gateway.data-source.js';
import { IdempotencyPostgresStore } from './idempotency.postgres-store.js';
import { VaultResponseSealer } from './vault-response-sealer.js';

describe('IdempotencyPostgresStore', () => {
  let dataSource: DataSource;
  let store: IdempotencyPostgresStore;

  beforeAll(async () => {
    dataSource = await createDataSource({ ...testDataSourceSettings(inject('databaseUrl'), gatewayDataSource), poolSize: 30 }).initialize();
    const vault = createPiiVault({
      encryptionKeys: { k: randomBytes(32).toString('base64') },
      currentKeyId: 'k',
      blindIndexKey: randomBytes(32).toString('base64'),
    });
    store = new IdempotencyPostgresStore(dataSource, new VaultResponseSealer(vault), 24);
  });
  afterAll(() => dataSource.destroy());

  const ref = () => ({ callerId: `caller-${randomUUID()}`, key: randomUUID() });

  it('lets exactly one of many concurrent requests execute', async () => {
    const key = ref();
    const claims = await Promise.all(Array.from({ length: 25 }, () => store.claim(key, 'f1')));
    expect(claims.filter((claim) => claim.kind === 'new')).toHaveLength(1);
    expect(claims.filter((claim) => claim.kind === 'in_progress')).toHaveLength(24);
  });

  it('replays the stored response, encrypted at rest', async () => {
    const key = ref();
    await store.claim(key, 'f1');
    await store.complete(key, 201, { id: 's-1', masked: { name: '*伟' } });
    await expect(store.claim(key, 'f1')).resolves.toEqual({ kind: 'replay', status: 201, body: { id: 's-1', masked: { name: '*伟' } } });
    const [row] = await dataSource.query('SELECT response_body::text AS body FROM gateway.idempotency_keys WHERE caller_id = $1', [key.callerId]);
    expect(row.body).not.toContain(Buffer.from('s-1').toString('hex'));
  });

  it('reports a different request under the same key as a mismatch', async () => {
    const key = ref();
    await store.claim(key, 'f1');
    await store.complete(key, 200, {});
    await expect(store.claim(key, 'f2')).resolves.toEqual({ kind: 'mismatch' });
  });

  it('frees the key after a failure so a retry executes, and keeps keys apart per caller', async () => {
    const key = ref();
    await store.claim(key, 'f1');
    await store.release(key);
    await expect(store.claim(key, 'f1')).resolves.toEqual({ kind: 'new' });
    await expect(store.claim({ ...key, callerId: `${key.callerId}-other` }, 'f1')).resolves.toEqual({ kind: 'new' });
  });

  it('deletes expired keys with their stored responses, and only those', async () => {
    const [expired, fresh] = [ref(), ref()];
    await store.claim(expired, 'f1');
    await store.complete(expired, 201, { id: 's-2' });
    await store.claim(fresh, 'f1');
    await dataSource.query(`UPDATE gateway.idempotency_keys SET expires_at = now() - interval '1 second' WHERE caller_id = $1`, [expired.callerId]);
    // A batch of one, so the loop that empties the table in batches is exercised too.
    let purged = 0;
    let deleted: number;
    do {
      deleted = await store.purgeExpired(1);
      purged += deleted;
    } while (deleted > 0);
    expect(purged).toBeGreaterThanOrEqual(1);
    const left: Array<{ caller_id: string }> = await dataSource.query('SELECT caller_id FROM gateway.idempotency_keys WHERE caller_id = ANY($1)', [
      [expired.callerId, fresh.callerId],
    ]);
    expect(left.map((row) => row.caller_id)).toEqual([fresh.callerId]);
  });
});
