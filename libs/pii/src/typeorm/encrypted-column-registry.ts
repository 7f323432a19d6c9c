import type { BlindIndexKind } from '../blind-index/normalisers.js';

export interface EncryptedColumnSpec {
  readonly propertyName: string;
  /** Logical table bound into the AAD. */
  readonly table: string;
  /** Logical column bound into the AAD. */
  readonly column: string;
  readonly kind: BlindIndexKind;
  readonly encryptedColumnName: string;
  readonly blindIndex?: { readonly propertyName: string; readonly columnName: string };
}

const specsByClass = new Map<Function, Map<string, EncryptedColumnSpec>>();

export function recordEncryptedColumn(entity: Function, spec: EncryptedColumnSpec): void {
  const specs = specsByClass.get(entity) ?? new Map<string, EncryptedColumnSpec>();
  specs.set(spec.propertyName, spec);
  specsByClass.set(entity, specs);
}

/** Encrypted columns of an entity class, its own and inherited (e.g. for a re-encryption job). */
export function encryptedColumnsOf(entity: Function): readonly EncryptedColumnSpec[] {
  const found = new Map<string, EncryptedColumnSpec>();
  for (let cls: unknown = entity; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    for (const [property, spec] of specsByClass.get(cls) ?? []) if (!found.has(property)) found.set(property, spec);
  }
  return [...found.values()];
}
