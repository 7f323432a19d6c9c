import type { FieldViolation } from '#libs/errors';
import type { ApplicationForm, ApplicationKind, BeneficialOwnerFields, FormGroup, Level, MerchantType } from '../application.js';
import { readField } from './form-formats.js';
import { allowedGroups, BENEFICIAL_OWNER_FIELDS, GROUP_FIELDS, OPTIONAL_FIELDS, requiredGroups, type FieldRule } from './form-schema.js';

export interface FormContext {
  kind: ApplicationKind;
  type: MerchantType;
  /** Upgrades: the level asked for and the merchant's current level. */
  upgrade?: { target: Level; from: Level };
}

const MAX_BENEFICIAL_OWNERS = 4;

const violation = (field: string, code: string, message: string): FieldViolation => ({ field, code, message: `${field.split('.').at(-1)} ${message}` });

function readGroup(path: string, input: Record<string, unknown>, rules: Record<string, FieldRule>, violations: FieldViolation[]): Record<string, string> {
  const out: Record<string, string> = {};
  // Owners hold a resident ID; others say which document they hold.
  const idType = typeof input['id_type'] === 'string' ? input['id_type'] : 'RESIDENT_ID';
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    const rule = rules[field];
    if (!rule) {
      violations.push(violation(`${path}.${field}`, 'UNKNOWN_FIELD', 'is not a field of this group'));
      continue;
    }
    if (typeof value !== 'string') {
      violations.push(violation(`${path}.${field}`, 'IS_STRING', 'must be a string'));
      continue;
    }
    const result = readField(rule.format, value, idType);
    if (result.ok) out[field] = result.value;
    else violations.push(violation(`${path}.${field}`, result.code, result.message));
  }
  return out;
}

function readBeneficialOwners(owners: BeneficialOwnerFields[], violations: FieldViolation[]): BeneficialOwnerFields[] {
  if (owners.length > MAX_BENEFICIAL_OWNERS)
    violations.push(violation('beneficial_owners', 'TOO_MANY', `may list at most ${MAX_BENEFICIAL_OWNERS} owners (each holds 25% or more)`));
  let total = 0;
  const out = owners.slice(0, MAX_BENEFICIAL_OWNERS).map((owner, index) => {
    const path = `beneficial_owners[${index}]`;
    const { ownership_percent: percent, ...fields } = owner;
    const read = readGroup(path, fields as unknown as Record<string, unknown>, BENEFICIAL_OWNER_FIELDS, violations);
    for (const field of Object.keys(BENEFICIAL_OWNER_FIELDS))
      if (!read[field] && !violations.some((v) => v.field === `${path}.${field}`)) violations.push(violation(`${path}.${field}`, 'REQUIRED', 'is required'));
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 25 || percent > 100)
      violations.push(violation(`${path}.ownership_percent`, 'OWNERSHIP_PERCENT_INVALID', 'must be from 25 to 100 (beneficial owners hold 25% or more)'));
    else total += percent;
    return { ...(read as unknown as BeneficialOwnerFields), ownership_percent: percent };
  });
  if (total > 100) violations.push(violation('beneficial_owners', 'OWNERSHIP_OVER_100', 'ownership percentages add up to more than 100'));
  return out;
}

/**
 * Checks the format of every field present and returns the form in its
 * stored (normal) shape: trimmed text, 11-digit phones, upper-case ID
 * numbers and credit codes, digits-only account numbers. Groups the kind
 * of application does not have are refused.
 */
export function normaliseForm(form: ApplicationForm, context: FormContext): { form: ApplicationForm; violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const allowed = allowedGroups(context.kind, context.type);
  const out: ApplicationForm = {};
  for (const [group, value] of Object.entries(form) as Array<[FormGroup, unknown]>) {
    if (value === undefined || value === null) continue;
    if (!allowed.includes(group)) {
      violations.push(
        violation(group, 'FIELD_NOT_ALLOWED', `is not part of ${context.kind === 'UPGRADE' ? 'an upgrade request' : `an ${context.type} application`}`),
      );
      continue;
    }
    if (group === 'beneficial_owners') {
      if (!Array.isArray(value)) violations.push(violation(group, 'IS_ARRAY', 'must be a list'));
      else out.beneficial_owners = readBeneficialOwners(value as BeneficialOwnerFields[], violations);
      continue;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      violations.push(violation(group, 'IS_OBJECT', 'must be an object'));
      continue;
    }
    const read = readGroup(group, value as Record<string, unknown>, GROUP_FIELDS[group], violations);
    if (Object.keys(read).length > 0) (out as Record<string, unknown>)[group] = read;
  }
  return { form: out, violations };
}

/** True once the date in `validity` ("YYYY-MM-DD" or "LONG_TERM") is before `today`. */
function expired(validity: string | undefined, today: string): boolean {
  return validity !== undefined && validity !== 'LONG_TERM' && validity < today;
}

/**
 * What is still missing or no longer valid before the application can be
 * submitted: every field of a required group, every field of an optional
 * group that was started, at least one beneficial owner, and no expired ID
 * or licence.
 */
export function missingForSubmit(form: ApplicationForm, context: FormContext, today: string): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const required = requiredGroups(context.kind, context.type, context.upgrade);
  for (const group of allowedGroups(context.kind, context.type)) {
    const value = form[group];
    if (group === 'beneficial_owners') {
      if (required.includes(group) && (!Array.isArray(value) || value.length === 0))
        violations.push(violation(group, 'REQUIRED', 'must list at least one owner of 25% or more'));
      for (const [index, owner] of (form.beneficial_owners ?? []).entries())
        if (expired(owner.id_valid_until, today)) violations.push(violation(`beneficial_owners[${index}].id_valid_until`, 'EXPIRED', 'has passed'));
      continue;
    }
    if (!value && !required.includes(group)) continue;
    const fields = value as Record<string, string> | undefined;
    const optional = OPTIONAL_FIELDS[group] ?? [];
    for (const field of Object.keys(GROUP_FIELDS[group])) {
      if (optional.includes(field)) continue;
      if (!fields?.[field]) violations.push(violation(`${group}.${field}`, 'REQUIRED', 'is required to submit'));
    }
    for (const field of ['valid_until', 'id_valid_until'])
      if (expired(fields?.[field], today)) violations.push(violation(`${group}.${field}`, 'EXPIRED', 'has passed'));
  }
  return violations;
}
