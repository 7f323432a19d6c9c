import { verifyConsistency, verifyInclusion } from '#libs/audit';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { privacyHarness, type PrivacyHarness } from '../../testing/privacy-harness.fixture.js';

/**
 * Each test gets a database of its own: tampering here must not disturb
 * other specs. Tampering is done as an attacker with superuser rights
 * would: `session_replication_role = replica` switches the append-only
 * triggers off for that session.
 */
describe('audit log tamper evidence', () => {
  let database: TestDatabase | undefined;
  let privacy: PrivacyHarness | undefined;

  afterEach(async () => {
    await privacy?.close();
    await database?.drop();
  });

  async function logWith(entries: number, checkpointAt: number[] = [entries]): Promise<PrivacyHarness> {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_audit_test');
    privacy = await privacyHarness(database.url);
    for (let seq = 1; seq <= entries; seq++) {
      await privacy.append.execute([
        {
          source: 'risk',
          sourceId: `entry-${seq}`,
          type: 'LIST_ENTRY_ADDED',
          actor: { type: 'staff', id: 'analyst-1' },
          subjectId: `user-${seq % 3}`,
          payloadJson: JSON.stringify({ list: 'device_block', entry_id: `e${seq}`, reason: 'fraud ring' }),
          occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, seq)).toISOString(),
        },
      ]);
      if (checkpointAt.includes(seq)) await privacy.checkpoint.execute();
    }
    return privacy;
  }

  async function tamper(harness: PrivacyHarness, ...statements: string[]): Promise<void> {
    await harness.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      for (const statement of statements) await manager.query(statement);
    });
  }

  it('verifies an untouched log against its checkpoints', async () => {
    const harness = await logWith(12, [5, 12]);
    await expect(harness.verify.execute()).resolves.toEqual({ ok: true, checked: 12, checkpointsChecked: 2 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE from an ordinary session', async () => {
    const harness = await logWith(2);
    await expect(harness.dataSource.query(`UPDATE privacy.audit_log SET type = 'X' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(harness.dataSource.query('DELETE FROM privacy.audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(harness.dataSource.query('TRUNCATE privacy.audit_log')).rejects.toThrow(/append-only/);
    await expect(harness.dataSource.query('DELETE FROM privacy.audit_checkpoints')).rejects.toThrow(/append-only/);
  });

  it('detects an edited entry at its sequence number', async () => {
    const harness = await logWith(10);
    await tamper(harness, `UPDATE privacy.audit_log SET payload = jsonb_set(payload, '{reason}', '"false positive"') WHERE seq = 4`);
    await expect(harness.verify.execute()).resolves.toMatchObject({ ok: false, firstBadSeq: 4, problem: 'ENTRY_EDITED' });
  });

  it('detects an edited column outside the payload', async () => {
    const harness = await logWith(10);
    await tamper(harness, `UPDATE privacy.audit_log SET type = 'LIST_ENTRY_REMOVED' WHERE seq = 7`);
    await expect(harness.verify.execute()).resolves.toMatchObject({ ok: false, firstBadSeq: 7 });
  });

  it('detects a deleted entry where the gap is', async () => {
    const harness = await logWith(10);
    await tamper(harness, 'DELETE FROM privacy.audit_log WHERE seq = 6');
    await expect(harness.verify.execute()).resolves.toMatchObject({ ok: false, firstBadSeq: 6, problem: 'ENTRY_MISSING' });
  });

  it('detects an inserted entry at its sequence number', async () => {
    const harness = await logWith(10);
    // Make room at 5 and insert a copy of entry 2 there, hash and all.
    await tamper(
      harness,
      'UPDATE privacy.audit_log SET seq = seq + 1000 WHERE seq >= 5',
      'UPDATE privacy.audit_log SET seq = seq - 999 WHERE seq >= 1005',
      `INSERT INTO privacy.audit_log (seq, type, source, source_id, actor_type, actor_id, subject_ref, payload, occurred_at, leaf_hash)
       SELECT 5, type, source, 'forged', actor_type, actor_id, subject_ref, payload, occurred_at, leaf_hash FROM privacy.audit_log WHERE seq = 2`,
    );
    await expect(harness.verify.execute()).resolves.toMatchObject({ ok: false, firstBadSeq: 5, problem: 'ENTRY_EDITED' });
  });

  it('detects a swapped pair at the first of the two', async () => {
    const harness = await logWith(10);
    await tamper(
      harness,
      'UPDATE privacy.audit_log SET seq = -3 WHERE seq = 3',
      'UPDATE privacy.audit_log SET seq = 3 WHERE seq = 8',
      'UPDATE privacy.audit_log SET seq = 8 WHERE seq = -3',
    );
    await expect(harness.verify.execute()).resolves.toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('detects a truncated tail behind the last checkpoint', async () => {
    const harness = await logWith(10, [4, 10]);
    await tamper(harness, 'DELETE FROM privacy.audit_log WHERE seq > 7');
    await expect(harness.verify.execute()).resolves.toMatchObject({ ok: false, firstBadSeq: 8, problem: 'TRUNCATED' });
  });

  it('detects a consistent rewrite through the signed checkpoint', async () => {
    const harness = await logWith(10, [4, 10]);
    // The attacker edits entry 6 and also recomputes its leaf hash: only the signed root can tell.
    await tamper(harness, `UPDATE privacy.audit_log SET payload = '{"list":"device_block","entry_id":"e6","reason":"edited"}' WHERE seq = 6`);
    const [row] = await harness.dataSource.query(
      'SELECT seq, type, source, source_id, actor_type, actor_id, subject_ref, payload, occurred_at FROM privacy.audit_log WHERE seq = 6',
    );
    const { leafHashOf } = await import('../leaf-hash.js');
    const forged = leafHashOf({
      seq: '6',
      type: row.type,
      source: row.source,
      sourceId: row.source_id,
      actor: { type: row.actor_type, id: row.actor_id },
      subjectRef: row.subject_ref,
      payload: row.payload,
      occurredAt: row.occurred_at,
    });
    await tamper(harness, `UPDATE privacy.audit_log SET leaf_hash = '\\x${forged.toString('hex')}' WHERE seq = 6`);
    await expect(harness.verify.execute()).resolves.toMatchObject({ ok: false, firstBadSeq: 5, problem: 'CHECKPOINT_MISMATCH' });
  });

  it('detects a forged checkpoint', async () => {
    const harness = await logWith(5);
    await tamper(harness, `UPDATE privacy.audit_checkpoints SET root_hash = '\\x${'00'.repeat(32)}'`);
    await expect(harness.verify.execute()).resolves.toMatchObject({ ok: false, problem: 'CHECKPOINT_SIGNATURE_INVALID' });
  });

  it('serves inclusion and consistency proofs that verify against the stored roots', async () => {
    const harness = await logWith(11, [6, 11]);
    const inclusion = await harness.proofs.inclusion(4, 11);
    expect(verifyInclusion(inclusion.leafIndex, inclusion.treeSize, inclusion.leafHash, inclusion.auditPath, inclusion.rootHash)).toBe(true);
    const consistency = await harness.proofs.consistency(6, 11);
    expect(verifyConsistency(6, 11, consistency.proof, consistency.firstRoot, consistency.secondRoot)).toBe(true);
    const checkpoints = await harness.log.checkpoints();
    expect(checkpoints.map((checkpoint) => checkpoint.rootHash)).toEqual([consistency.firstRoot.toString('hex'), consistency.secondRoot.toString('hex')]);
  });
});

describe('audit log under concurrency', () => {
  it('keeps a valid chain when 200 appends race', async () => {
    const database = await createTestDatabase(inject('serverUrl'), 'kyc_audit_test');
    const privacy = await privacyHarness(database.url);
    try {
      await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          privacy.append.execute([
            {
              source: 'merchant',
              sourceId: `race-${index}`,
              type: 'REVIEW_DECISION',
              actor: { type: 'staff', id: `reviewer-${index % 7}` },
              payloadJson: JSON.stringify({ application_id: `app-${index}`, decision: 'APPROVED' }),
              occurredAt: new Date().toISOString(),
            },
          ]),
        ),
      );
      await privacy.checkpoint.execute();
      const [{ count, max }] = await privacy.dataSource.query('SELECT count(*)::int AS count, max(seq)::int AS max FROM privacy.audit_log');
      expect({ count, max }).toEqual({ count: 200, max: 200 });
      await expect(privacy.verify.execute()).resolves.toEqual({ ok: true, checked: 200, checkpointsChecked: 1 });
    } finally {
      await privacy.close();
      await database.drop();
    }
  });

  it('ignores a redelivered entry and keeps its first place', async () => {
    const database = await createTestDatabase(inject('serverUrl'), 'kyc_audit_test');
    const privacy = await privacyHarness(database.url);
    try {
      const entry = {
        source: 'risk',
        sourceId: 'outbox-1',
        type: 'RULESET_PUBLISHED',
        actor: { type: 'staff', id: 'a1' },
        payloadJson: '{"version":3}',
        occurredAt: new Date().toISOString(),
      };
      const first = await privacy.append.execute([entry]);
      const again = await privacy.append.execute([entry, { ...entry, sourceId: 'outbox-2' }]);
      expect(first).toEqual(['1']);
      expect(again).toEqual(['1', '2']);
    } finally {
      await privacy.close();
      await database.drop();
    }
  });
});
