import { randomBytes } from 'node:crypto';
import { DataSource, Entity, IsNull, PrimaryGeneratedColumn, type Repository } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomKey } from '../testing/keys.fixture.js';
import { createPiiVault } from '../vault/pii-vault.js';
import { blindIndexFor, blindIndexWhere } from './blind-index-lookup.js';
import { PiiBlindIndexSubscriber } from './blind-index-subscriber.js';
import { EncryptedColumn } from './encrypted-column.js';
import { registerPiiVault, unregisterPiiVault } from './vault-registry.js';

const url = process.env.TEST_DATABASE_URL;
// A throw-away schema per run, so parallel runs and leftovers never collide.
const schema = `pii_it_${randomBytes(4).toString('hex')}`;
const TABLE = 'identity.kyc_sessions';

@Entity({ name: 'kyc_sessions', schema })
class KycSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @EncryptedColumn({ table: TABLE, column: 'id_number', kind: 'id_number', blindIndex: true })
  idNumber: string;

  @EncryptedColumn({ table: TABLE, column: 'mobile', kind: 'mobile', blindIndex: true, nullable: true })
  mobile: string | null;

  @EncryptedColumn({ table: TABLE, column: 'full_name', kind: 'name' })
  fullName: string;

  declare readonly idNumberBidx: string | null;
  declare readonly mobileBidx: string | null;
}

const ID_NUMBER = '11010519491231002X';
const MOBILE = '13812345678';
const NAME = '李小明';

describe.skipIf(!url)('@EncryptedColumn against PostgreSQL', () => {
  const vault = createPiiVault({ encryptionKeys: { k1: randomKey() }, currentKeyId: 'k1', blindIndexKey: randomKey() });
  let dataSource: DataSource;
  let repo: Repository<KycSession>;

  const rawRow = async (id: string): Promise<Record<string, unknown>> => {
    const rows: Record<string, unknown>[] = await dataSource.query(`SELECT * FROM "${schema}"."kyc_sessions" WHERE id = $1`, [id]);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  beforeAll(async () => {
    registerPiiVault(vault);
    dataSource = new DataSource({
      type: 'postgres',
      url,
      entities: [KycSession],
      subscribers: [PiiBlindIndexSubscriber],
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    // synchronize only here, in a throw-away schema; real tables come from migrations.
    await dataSource.synchronize();
    repo = dataSource.getRepository(KycSession);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await dataSource.destroy();
    }
    unregisterPiiVault();
  });

  it('round-trips through save/find and stores no plaintext', async () => {
    const saved = await repo.save(repo.create({ idNumber: ID_NUMBER, mobile: MOBILE, fullName: NAME }));
    const loaded = await repo.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject({ idNumber: ID_NUMBER, mobile: MOBILE, fullName: NAME });

    const row = await rawRow(saved.id);
    expect(Object.keys(row).sort()).toEqual(['full_name_enc', 'id', 'id_number_bidx', 'id_number_enc', 'mobile_bidx', 'mobile_enc'].sort());
    for (const [column, value] of Object.entries(row)) {
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
      for (const secret of [ID_NUMBER, MOBILE, NAME, '1381234', '19491231']) {
        expect(bytes.includes(Buffer.from(secret)), `${column} holds plaintext`).toBe(false);
      }
    }
    expect(vault.keyRing.keyIdOf(row.id_number_enc as Buffer)).toBe('k1');
    expect(row.id_number_bidx).toBe(blindIndexFor('id_number', ID_NUMBER));
    expect(row.mobile_bidx).toBe(blindIndexFor('mobile', MOBILE));
  });

  it('finds a row by blind index from any written form of the value', async () => {
    const saved = await repo.save(repo.create({ idNumber: '110105194912310011', mobile: '13900001111', fullName: '王五' }));
    const byMobile = await repo.findOneBy(blindIndexWhere(KycSession, 'mobile', '+86 139 0000 1111'));
    expect(byMobile).toMatchObject({ id: saved.id, mobile: '13900001111' });
    const byId = await repo.findBy(blindIndexWhere(KycSession, 'idNumber', ' 110105194912310011 '));
    expect(byId.map((s) => s.id)).toEqual([saved.id]);

    const viaBuilder = await repo
      .createQueryBuilder('s')
      .where('s.id_number_bidx = :h', { h: blindIndexFor('id_number', '110105194912310011') })
      .getOne();
    expect(viaBuilder?.fullName).toBe('王五');
  });

  it('keeps the index in step through save of a loaded entity, repository.update and query-builder writes', async () => {
    const saved = await repo.save(repo.create({ idNumber: ID_NUMBER, mobile: '13700000001', fullName: 'A' }));

    const loaded = await repo.findOneByOrFail({ id: saved.id });
    loaded.mobile = '13700000002';
    await repo.save(loaded);
    expect((await rawRow(saved.id)).mobile_bidx).toBe(blindIndexFor('mobile', '13700000002'));

    await repo.update({ id: saved.id }, { mobile: '13700000003' });
    expect((await rawRow(saved.id)).mobile_bidx).toBe(blindIndexFor('mobile', '13700000003'));
    expect(await repo.findOneBy(blindIndexWhere(KycSession, 'mobile', '13700000002'))).toBeNull();
    expect(await repo.findOneBy(blindIndexWhere(KycSession, 'mobile', '13700000003'))).toMatchObject({ id: saved.id });

    const inserted = await repo.createQueryBuilder().insert().values({ idNumber: ID_NUMBER, mobile: '13700000004', fullName: 'B' }).returning('id').execute();
    const insertedId = inserted.identifiers[0]!.id as string;
    expect(await repo.findOneBy(blindIndexWhere(KycSession, 'mobile', '13700000004'))).toMatchObject({ id: insertedId, fullName: 'B' });

    await repo.update({ id: saved.id }, { mobile: null });
    const cleared = await rawRow(saved.id);
    expect(cleared.mobile_enc).toBeNull();
    expect(cleared.mobile_bidx).toBeNull();
    expect((await repo.findBy({ mobile: IsNull() })).map((s) => s.id)).toContain(saved.id);
  });

  it('refuses a ciphertext moved to another column', async () => {
    const saved = await repo.save(repo.create({ idNumber: ID_NUMBER, mobile: null, fullName: 'C' }));
    await dataSource.query(`UPDATE "${schema}"."kyc_sessions" SET full_name_enc = id_number_enc WHERE id = $1`, [saved.id]);
    await expect(repo.findOneBy({ id: saved.id })).rejects.toMatchObject({ code: 'PII_DECRYPTION_FAILED' });
    await dataSource.query(`DELETE FROM "${schema}"."kyc_sessions" WHERE id = $1`, [saved.id]);
  });

  it('re-encrypts under a new current key while old rows stay readable', async () => {
    const saved = await repo.save(repo.create({ idNumber: ID_NUMBER, mobile: '13600000000', fullName: 'D' }));
    vault.keyRing.addKey('k2', randomKey(), { makeCurrent: true });

    const old = await rawRow(saved.id);
    expect(vault.needsReencryption(old.id_number_enc as Buffer)).toBe(true);
    const loaded = await repo.findOneByOrFail({ id: saved.id });
    expect(loaded.idNumber).toBe(ID_NUMBER);

    await repo.save(loaded);
    const rotated = await rawRow(saved.id);
    expect(vault.keyRing.keyIdOf(rotated.id_number_enc as Buffer)).toBe('k2');
    expect(rotated.id_number_bidx).toBe(old.id_number_bidx);
  });
});
