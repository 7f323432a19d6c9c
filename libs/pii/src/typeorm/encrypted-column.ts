import { BeforeInsert, BeforeUpdate, Column, Index } from 'typeorm';
import { BLIND_INDEX_NORMALISERS, type BlindIndexKind } from '../blind-index/normalisers.js';
import { PiiError } from '../errors/pii-error.js';
import { recordEncryptedColumn } from './encrypted-column-registry.js';
import { encryptedStringTransformer } from './encrypted-transformer.js';
import { fillBlindIndexes } from './fill-blind-indexes.js';
import { registeredPiiVault } from './vault-registry.js';

export interface EncryptedColumnOptions {
  /** Logical table, bound into the AAD, e.g. `identity.kyc_sessions`. Keep it stable: changing it makes old rows undecryptable. */
  readonly table: string;
  /** Logical column, e.g. `id_number`; physical columns are `<column>_enc` and `<column>_bidx`. Also bound into the AAD. */
  readonly column: string;
  readonly kind: BlindIndexKind;
  /** Also declare `<column>_bidx` (varchar 64, indexed) on the property `<property>Bidx`. */
  readonly blindIndex?: boolean | { readonly unique?: boolean };
  readonly nullable?: boolean;
}

const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LISTENER_METHOD = '__piiFillBlindIndexes';

function validate(options: EncryptedColumnOptions, propertyKey: string | symbol): asserts propertyKey is string {
  const nonEmpty = (s: unknown) => typeof s === 'string' && s.length > 0;
  if (
    typeof propertyKey !== 'string' ||
    !nonEmpty(options?.table) ||
    !nonEmpty(options.column) ||
    !SQL_NAME.test(options.column) ||
    !Object.hasOwn(BLIND_INDEX_NORMALISERS, options.kind)
  ) {
    throw new PiiError('PII_INVALID_COLUMN_OPTIONS');
  }
}

/**
 * Declares, on a string property, the `bytea` column `<column>_enc` holding
 * its AES-GCM ciphertext (AAD bound to `table` and `column`) and, with
 * `blindIndex`, the indexed column `<column>_bidx` holding the HMAC of its
 * normalised value.
 *
 * TypeORM maps one property to one column, so the index lives on a second
 * property, `<property>Bidx`, kept in step with the plaintext three ways:
 * - an accessor on the prototype derives it from the plaintext on every read,
 *   so an instance never shows a stale index (type it with
 *   `declare readonly idNumberBidx: string | null`, not a class field, which
 *   would shadow the accessor);
 * - `@BeforeInsert`/`@BeforeUpdate` listeners set it on entity instances
 *   before `save`, which also covers a class field shadowing the accessor;
 * - `PiiBlindIndexSubscriber`, registered on the DataSource, sets it on plain
 *   value objects (`repository.update`, query-builder `insert().values({...})`).
 */
export function EncryptedColumn(options: EncryptedColumnOptions): PropertyDecorator {
  return (target, propertyKey) => {
    validate(options, propertyKey);
    const nullable = options.nullable ?? false;
    const encryptedColumnName = `${options.column}_enc`;

    Column({
      name: encryptedColumnName,
      type: 'bytea',
      nullable,
      transformer: encryptedStringTransformer({ table: options.table, column: options.column }),
    })(target, propertyKey);

    let blindIndex: { propertyName: string; columnName: string } | undefined;
    if (options.blindIndex) {
      blindIndex = { propertyName: `${propertyKey}Bidx`, columnName: `${options.column}_bidx` };
      defineBlindIndexAccessor(target, propertyKey, blindIndex.propertyName, options.kind);
      Column({ name: blindIndex.columnName, type: 'varchar', length: 64, nullable })(target, blindIndex.propertyName);
      const unique = typeof options.blindIndex === 'object' && options.blindIndex.unique === true;
      Index({ unique })(target, blindIndex.propertyName);
      ensureWriteListener(target);
    }

    recordEncryptedColumn(target.constructor, {
      propertyName: propertyKey,
      table: options.table,
      column: options.column,
      kind: options.kind,
      encryptedColumnName,
      ...(blindIndex ? { blindIndex } : {}),
    });
  };
}

function defineBlindIndexAccessor(prototype: object, plaintextProperty: string, indexProperty: string, kind: BlindIndexKind): void {
  // What TypeORM hydrated from the row; only used when the plaintext was not selected.
  const loaded = new WeakMap<object, unknown>();
  Object.defineProperty(prototype, indexProperty, {
    configurable: true,
    enumerable: false,
    get(this: Record<string, unknown>) {
      const plaintext = this[plaintextProperty];
      if (plaintext === undefined) return loaded.get(this);
      if (plaintext === null) return null;
      if (typeof plaintext !== 'string') throw new PiiError('PII_INVALID_PLAINTEXT');
      return registeredPiiVault().blindIndex(kind, plaintext);
    },
    set(this: object, value: unknown) {
      loaded.set(this, value);
    },
  });
}

function ensureWriteListener(prototype: object): void {
  if (Object.hasOwn(prototype, LISTENER_METHOD)) return;
  Object.defineProperty(prototype, LISTENER_METHOD, {
    configurable: true,
    enumerable: false,
    value(this: object) {
      fillBlindIndexes(this.constructor, this);
    },
  });
  BeforeInsert()(prototype, LISTENER_METHOD);
  BeforeUpdate()(prototype, LISTENER_METHOD);
}
