import { createMasker, type MaskKind } from '#libs/pii';
import type { ApplicationForm, FormGroup, MerchantType } from '../application.js';
import { BENEFICIAL_OWNER_FIELDS, GROUP_FIELDS, type FieldRule } from './form-schema.js';

const masker = createMasker();

function maskValue(rule: FieldRule, value: string, type: MerchantType): string {
  switch (rule.mask) {
    case 'clear':
      return value;
    // Enough to tell the city, never the door.
    case 'address': {
      const chars = Array.from(value);
      return chars.slice(0, 6).join('') + '*'.repeat(Math.max(chars.length - 6, 4));
    }
    // A company's account name is its registered name; a person's is their name.
    case 'account_name':
      return type === 'ENTERPRISE' ? value : masker.mask('name', value);
    default:
      return masker.mask(rule.mask as MaskKind, value);
  }
}

function maskGroup(values: Record<string, unknown>, rules: Record<string, FieldRule>, type: MerchantType): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => {
      const rule = rules[field];
      return [field, rule && typeof value === 'string' ? maskValue(rule, value, type) : value];
    }),
  );
}

/**
 * The form as anyone outside the service sees it, merchant or staff: names,
 * ID numbers, phones, e-mail, account and card numbers masked (JR/T 0171),
 * beneficial owners' addresses cut to the district. Document ids, dates,
 * company and store details stay in clear.
 */
export function maskForm(form: ApplicationForm, type: MerchantType): ApplicationForm {
  const out: Record<string, unknown> = {};
  for (const [group, value] of Object.entries(form) as Array<[FormGroup, unknown]>) {
    if (!value) continue;
    if (group === 'beneficial_owners') out[group] = (value as Array<Record<string, unknown>>).map((owner) => maskGroup(owner, BENEFICIAL_OWNER_FIELDS, type));
    else out[group] = maskGroup(value as Record<string, unknown>, GROUP_FIELDS[group], type);
  }
  return out as ApplicationForm;
}
