import type { FieldViolation } from '#libs/errors';
import type { ApplicationForm, FormGroup } from '../application.js';
import { ALL_GROUPS, GROUP_FIELDS } from './form-schema.js';

/**
 * Applies a partial update: groups present are merged field by field (a
 * beneficial-owner list is replaced whole), then `clear` removes whole
 * groups (`authorized_agent`) or single fields (`owner.email`).
 */
export function mergeForm(current: ApplicationForm, patch: ApplicationForm, clear: string[] = []): { form: ApplicationForm; violations: FieldViolation[] } {
  const merged = structuredClone(current) as Record<string, unknown>;
  for (const [group, value] of Object.entries(patch)) {
    if (value === undefined || value === null) continue;
    if (group === 'beneficial_owners' || typeof value !== 'object' || Array.isArray(value)) merged[group] = value;
    else {
      const defined = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined && inner !== null));
      merged[group] = { ...(merged[group] as object | undefined), ...defined };
    }
  }
  const violations: FieldViolation[] = [];
  for (const path of clear) {
    const [group, field, ...rest] = path.split('.') as [FormGroup, string | undefined, ...string[]];
    const known = ALL_GROUPS.includes(group) && rest.length === 0 && (field === undefined || (group !== 'beneficial_owners' && field in GROUP_FIELDS[group]));
    if (!known) {
      violations.push({ field: 'clear_fields', code: 'UNKNOWN_FIELD', message: 'clear_fields names a field that does not exist' });
      continue;
    }
    if (field === undefined) delete merged[group];
    else if (merged[group]) {
      delete (merged[group] as Record<string, unknown>)[field];
      if (Object.keys(merged[group] as object).length === 0) delete merged[group];
    }
  }
  return { form: merged as ApplicationForm, violations };
}

/** Every document a form refers to, with the field that names it. */
export function documentReferences(form: ApplicationForm): Array<{ field: string; id: string; kind: string }> {
  const references: Array<{ field: string; id: string; kind: string }> = [];
  for (const [group, fields] of Object.entries(GROUP_FIELDS)) {
    const values = form[group as FormGroup] as Record<string, string> | undefined;
    for (const [field, rule] of Object.entries(fields)) {
      const id = values?.[field];
      if (rule.documentKind && id) references.push({ field: `${group}.${field}`, id, kind: rule.documentKind });
    }
  }
  return references;
}
