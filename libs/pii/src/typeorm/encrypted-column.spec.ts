import { Entity, getMetadataArgsStorage, In, PrimaryGeneratedColumn } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomKey } from '../testing/keys.fixture.js';
import { createPiiVault, type PiiVault } from '../vault/pii-vault.js';
import { blindIndexFor, blindIndexWhere } from './blind-index-lookup.js';
import { PiiBlindIndexSubscriber } from './blind-index-subscriber.js';
import { EncryptedColumn } from './encrypted-column.js';
import { encryptedColumnsOf } from './encrypted-column-registry.js';
import { encryptedStringTransformer } from './encrypted-transformer.js';
import { registeredPiiVault, registerPiiVault, unregisterPiiVault } from './vault-registry.js';

const TABLE = 'identity.kyc_sessions';

@Entity({ name: 'kyc_sessions', schema: 'identity' })
class KycSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @EncryptedColumn({ table: TABLE, column: 'id_number', kind: 'id_number', blindIndex: true })
  idNumber: string;

  @EncryptedColumn({ table: TABLE, column: 'mobile', kind: 'mobile', blindIndex: { unique: true }, nullable: true })
  mobile: string | null;

  @EncryptedColumn({ table: TABLE, column: 'full_name', kind: 'name' })
  fullName: string;

  declare readonly idNumberBidx: string | null | undefined;
  declare readonly mobileBidx: string | null | undefined;
}

// A class field for the index shadows the prototype accessor; the write listener must still fill it.
class Shadowed {
  @EncryptedColumn({ table: 'risk.shadowed', column: 'mobile', kind: 'mobile', blindIndex: true })
  mobile: string;

  mobileBidx: string;
}

class Base {
  @EncryptedColumn({ table: 'risk.base', column: 'email', kind: 'email', blindIndex: true })
  email: string;
}
class Derived extends Base {}

const newVault = () => createPiiVault({ encryptionKeys: { k1: randomKey() }, currentKeyId: 'k1', blindIndexKey: randomKey() });

describe('@EncryptedColumn metadata', () => {
  const columns = () => getMetadataArgsStorage().columns.filter((c) => c.target === KycSession);
  const column = (property: string) => columns().find((c) => c.propertyName === property);

  it('declares <column>_enc as bytea with an encrypting transformer', () => {
    expect(column('idNumber')?.options).toMatchObject({ name: 'id_number_enc', type: 'bytea', nullable: false });
    expect(column('idNumber')?.options.transformer).toBeDefined();
    expect(column('mobile')?.options).toMatchObject({ name: 'mobile_enc', type: 'bytea', nullable: true });
    expect(column('fullName')?.options).toMatchObject({ name: 'full_name_enc', type: 'bytea' });
  });

  it('declares <column>_bidx as an indexed varchar(64) only when asked', () => {
    expect(column('idNumberBidx')?.options).toMatchObject({ name: 'id_number_bidx', type: 'varchar', length: 64, nullable: false });
    expect(column('mobileBidx')?.options).toMatchObject({ name: 'mobile_bidx', type: 'varchar', length: 64, nullable: true });
    expect(column('fullNameBidx')).toBeUndefined();
    expect(columns()).toHaveLength(6);

    const indices = getMetadataArgsStorage().indices.filter((i) => i.target === KycSession);
    expect(indices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ columns: ['idNumberBidx'], unique: false }),
        expect.objectContaining({ columns: ['mobileBidx'], unique: true }),
      ]),
    );
    expect(indices).toHaveLength(2);
  });

  it('registers one before-insert and one before-update listener per entity class', () => {
    const listeners = getMetadataArgsStorage().entityListeners.filter((l) => l.target === KycSession);
    expect(listeners.map((l) => [l.type, l.propertyName])).toEqual([
      ['before-insert', '__piiFillBlindIndexes'],
      ['before-update', '__piiFillBlindIndexes'],
    ]);
    expect(Object.keys(new KycSession())).not.toContain('__piiFillBlindIndexes');
  });

  it('records the specs, inherited ones included', () => {
    expect(encryptedColumnsOf(KycSession).map((s) => [s.propertyName, s.blindIndex?.columnName])).toEqual([
      ['idNumber', 'id_number_bidx'],
      ['mobile', 'mobile_bidx'],
      ['fullName', undefined],
    ]);
    expect(encryptedColumnsOf(Derived)).toEqual([expect.objectContaining({ propertyName: 'email', column: 'email' })]);
  });

  it('rejects invalid options when the class is defined', () => {
    const decorate = (options: object) => () => EncryptedColumn(options as never)(class {}.prototype, 'value');
    expect(decorate({ table: TABLE, column: 'id-number', kind: 'id_number' })).toThrowError(expect.objectContaining({ code: 'PII_INVALID_COLUMN_OPTIONS' }));
    expect(decorate({ table: '', column: 'id_number', kind: 'id_number' })).toThrowError(expect.objectContaining({ code: 'PII_INVALID_COLUMN_OPTIONS' }));
    expect(decorate({ table: TABLE, column: 'passport', kind: 'passport' })).toThrowError(expect.objectContaining({ code: 'PII_INVALID_COLUMN_OPTIONS' }));
  });
});

describe('with a registered vault', () => {
  let vault: PiiVault;
  beforeEach(() => {
    vault = newVault();
    registerPiiVault(vault);
  });
  afterEach(() => unregisterPiiVault());

  describe('encryptedStringTransformer', () => {
    const transformer = encryptedStringTransformer({ table: TABLE, column: 'id_number' });

    it('encrypts on write under the column context and decrypts on read', () => {
      const stored = transformer.to('11010519491231002X') as Buffer;
      expect(Buffer.isBuffer(stored)).toBe(true);
      expect(stored.includes(Buffer.from('11010519491231002X'))).toBe(false);
      expect(vault.decryptString(stored, { table: TABLE, column: 'id_number' })).toBe('11010519491231002X');
      expect(transformer.from(stored)).toBe('11010519491231002X');
      expect(() => vault.decryptString(stored, { table: TABLE, column: 'mobile' })).toThrowError(expect.objectContaining({ code: 'PII_DECRYPTION_FAILED' }));
    });

    it('keeps null as null and undefined as undefined', () => {
      expect(transformer.to(null)).toBeNull();
      expect(transformer.to(undefined)).toBeUndefined();
      expect(transformer.from(null)).toBeNull();
    });

    it('refuses non-strings, so a find operator on an encrypted column fails loudly', () => {
      expect(() => transformer.to(In(['x']))).toThrowError(expect.objectContaining({ code: 'PII_INVALID_PLAINTEXT' }));
      expect(() => transformer.to(42)).toThrowError(expect.objectContaining({ code: 'PII_INVALID_PLAINTEXT' }));
      expect(() => transformer.from('not bytes')).toThrowError(expect.objectContaining({ code: 'PII_MALFORMED_CIPHERTEXT' }));
    });
  });

  describe('blind index accessor', () => {
    it('derives the index from the plaintext property on every read', () => {
      const session = new KycSession();
      session.idNumber = ' 11010519491231002x';
      expect(session.idNumberBidx).toBe(vault.blindIndex('id_number', '11010519491231002X'));
      session.idNumber = '110105194912310011';
      expect(session.idNumberBidx).toBe(vault.blindIndex('id_number', '110105194912310011'));
      session.mobile = null;
      expect(session.mobileBidx).toBeNull();
    });

    it('ignores a hydrated index while the plaintext is present, and returns it when the plaintext was not selected', () => {
      const session = new KycSession();
      (session as { mobileBidx: unknown }).mobileBidx = 'f'.repeat(64);
      expect(session.mobileBidx).toBe('f'.repeat(64));
      session.mobile = '13812345678';
      expect(session.mobileBidx).toBe(vault.blindIndex('mobile', '13812345678'));
    });

    it('is written by the entity listener even when a class field shadows the accessor', () => {
      const shadowed = new Shadowed();
      shadowed.mobile = '+86 138 1234 5678';
      expect(shadowed.mobileBidx).toBeUndefined();
      (shadowed as unknown as { __piiFillBlindIndexes(): void }).__piiFillBlindIndexes();
      expect(shadowed.mobileBidx).toBe(vault.blindIndex('mobile', '13812345678'));
    });

    it('stays out of JSON and Object.keys', () => {
      const session = new KycSession();
      session.idNumber = '11010519491231002X';
      expect(Object.keys(session)).not.toContain('idNumberBidx');
      expect(JSON.stringify(session)).not.toContain(vault.blindIndex('id_number', '11010519491231002X'));
    });
  });

  describe('lookups', () => {
    it('blindIndexWhere builds a find condition on the index property from any written form', () => {
      expect(blindIndexWhere(KycSession, 'mobile', '+86 138 1234 5678')).toEqual({
        mobileBidx: vault.blindIndex('mobile', '13812345678'),
      });
      expect(blindIndexFor('mobile', '008613812345678')).toBe(vault.blindIndex('mobile', '13812345678'));
      expect(blindIndexWhere(Derived, 'email', 'A@B.cn')).toEqual({ emailBidx: vault.blindIndex('email', 'a@b.cn') });
    });

    it('refuses properties without a blind index', () => {
      expect(() => blindIndexWhere(KycSession, 'fullName', '张三')).toThrowError(expect.objectContaining({ code: 'PII_NO_BLIND_INDEX' }));
      expect(() => blindIndexWhere(KycSession, 'id', 'x')).toThrowError(expect.objectContaining({ code: 'PII_NO_BLIND_INDEX' }));
    });
  });

  describe('PiiBlindIndexSubscriber', () => {
    const subscriber = new PiiBlindIndexSubscriber();
    const metadata = { target: KycSession };

    it('fills the index of plain-object values that carry the plaintext, and leaves absent ones alone', () => {
      const values: Record<string, unknown> = { mobile: '+86 138 1234 5678', fullName: '张三' };
      subscriber.beforeUpdate({ metadata, entity: values } as never);
      expect(values).toEqual({ mobile: '+86 138 1234 5678', fullName: '张三', mobileBidx: vault.blindIndex('mobile', '13812345678') });

      const cleared: Record<string, unknown> = { mobile: null };
      subscriber.beforeInsert({ metadata, entity: cleared } as never);
      expect(cleared).toEqual({ mobile: null, mobileBidx: null });
    });

    it('ignores entities without encrypted columns', () => {
      const values = { mobile: '13812345678' };
      subscriber.beforeInsert({ metadata: { target: class Other {} }, entity: values } as never);
      expect(values).toEqual({ mobile: '13812345678' });
    });
  });

  it('refuses a second, different vault but accepts the same one again', () => {
    expect(() => registerPiiVault(vault)).not.toThrow();
    expect(() => registerPiiVault(newVault())).toThrowError(expect.objectContaining({ code: 'PII_VAULT_ALREADY_REGISTERED' }));
    expect(registeredPiiVault()).toBe(vault);
  });
});

describe('without a registered vault', () => {
  it('fails with a clear coded error instead of writing plaintext', () => {
    const transformer = encryptedStringTransformer({ table: TABLE, column: 'id_number' });
    expect(() => transformer.to('11010519491231002X')).toThrowError(expect.objectContaining({ code: 'PII_VAULT_NOT_REGISTERED' }));
    expect(() => blindIndexFor('mobile', '13812345678')).toThrowError(expect.objectContaining({ code: 'PII_VAULT_NOT_REGISTERED' }));
    const session = new KycSession();
    session.idNumber = '11010519491231002X';
    expect(() => session.idNumberBidx).toThrowError(expect.objectContaining({ code: 'PII_VAULT_NOT_REGISTERED' }));
  });
});
