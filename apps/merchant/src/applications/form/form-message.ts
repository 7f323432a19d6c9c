import type { ApplicationForm as FormMessage } from '#contracts/merchant';
import type { ApplicationForm, BeneficialOwnerFields, FormGroup } from '../application.js';
import { BENEFICIAL_OWNER_FIELDS, GROUP_FIELDS } from './form-schema.js';

const camel = (name: string): string => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

function fromMessageGroup(message: Record<string, unknown> | null | undefined, fields: readonly string[]): Record<string, unknown> | undefined {
  if (!message) return undefined;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = message[camel(field)];
    // Unset optional fields arrive as undefined; proto3 defaults (empty strings) mean "not given" too.
    if (value !== undefined && value !== null && value !== '') out[field] = value;
  }
  return out;
}

/** The gRPC form (camelCase, unset groups null) as the domain's snake_case form. Only known fields are read. */
export function formFromMessage(message: FormMessage | null | undefined): ApplicationForm {
  const form: Record<string, unknown> = {};
  if (!message) return form;
  for (const [group, fields] of Object.entries(GROUP_FIELDS)) {
    const value = fromMessageGroup((message as unknown as Record<string, Record<string, unknown> | null>)[camel(group)], Object.keys(fields));
    if (value) form[group] = value;
  }
  if (message.beneficialOwners)
    form['beneficial_owners'] = (message.beneficialOwners.items ?? []).map((owner) => ({
      ...(fromMessageGroup(owner as unknown as Record<string, unknown>, Object.keys(BENEFICIAL_OWNER_FIELDS)) as Omit<
        BeneficialOwnerFields,
        'ownership_percent'
      >),
      ownership_percent: owner.ownershipPercent,
    }));
  return form as ApplicationForm;
}

function toMessageGroup(values: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [camel(field), value]));
}

/** The domain form (already masked for the audience) as the gRPC message. */
export function formToMessage(form: ApplicationForm): FormMessage {
  const group = (name: FormGroup) => toMessageGroup(form[name] as Record<string, unknown> | undefined) as never;
  return {
    owner: group('owner'),
    company: group('company'),
    businessLicense: group('business_license'),
    legalRepresentative: group('legal_representative'),
    authorizedAgent: group('authorized_agent'),
    beneficialOwners: form.beneficial_owners
      ? {
          items: form.beneficial_owners.map((owner) => ({
            name: owner.name,
            address: owner.address,
            idType: owner.id_type,
            idNumber: owner.id_number,
            idValidUntil: owner.id_valid_until,
            ownershipPercent: owner.ownership_percent,
          })),
        }
      : undefined,
    settlementAccount: group('settlement_account'),
    store: group('store'),
    creditCardAuthorization: group('credit_card_authorization'),
  };
}
