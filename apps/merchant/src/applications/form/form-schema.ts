import type { MaskKind } from '#libs/pii';
import type { ApplicationKind, FormGroup, Level, MerchantType } from '../application.js';

/** How a field's value is checked on input. */
export type FieldFormat =
  | 'person_name'
  | 'id_type'
  | 'id_number'
  | 'mobile'
  | 'email'
  | 'document_id'
  | 'text_short'
  | 'text_long'
  | 'address'
  | 'credit_code'
  | 'validity'
  | 'account_name'
  | 'account_number'
  | 'card_number'
  | 'bank_name';

/** How a field is shown: masked by JR/T 0171 kind, `address` (start only), `account_name` (masked only for individuals), or in clear. */
export type FieldMask = MaskKind | 'address' | 'account_name' | 'clear';

export interface FieldRule {
  format: FieldFormat;
  mask: FieldMask;
  /** A document field must name a document of this kind. */
  documentKind?: string;
}

const PERSON: Record<string, FieldRule> = {
  name: { format: 'person_name', mask: 'name' },
  id_type: { format: 'id_type', mask: 'clear' },
  id_number: { format: 'id_number', mask: 'id_number' },
  id_valid_until: { format: 'validity', mask: 'clear' },
  phone: { format: 'mobile', mask: 'mobile' },
};

/** The object groups of a form and their fields (beneficial owners, a list, are described separately). */
export const GROUP_FIELDS: Record<Exclude<FormGroup, 'beneficial_owners'>, Record<string, FieldRule>> = {
  owner: {
    name: { format: 'person_name', mask: 'name' },
    id_number: { format: 'id_number', mask: 'id_number' },
    phone: { format: 'mobile', mask: 'mobile' },
    email: { format: 'email', mask: 'email' },
    id_photo_front_document_id: { format: 'document_id', mask: 'clear', documentKind: 'ID_PHOTO_FRONT' },
    id_photo_back_document_id: { format: 'document_id', mask: 'clear', documentKind: 'ID_PHOTO_BACK' },
  },
  company: {
    name: { format: 'text_short', mask: 'clear' },
    address: { format: 'address', mask: 'clear' },
    business_scope: { format: 'text_long', mask: 'clear' },
  },
  business_license: {
    credit_code: { format: 'credit_code', mask: 'clear' },
    valid_until: { format: 'validity', mask: 'clear' },
    photo_document_id: { format: 'document_id', mask: 'clear', documentKind: 'BUSINESS_LICENSE' },
  },
  legal_representative: PERSON,
  authorized_agent: PERSON,
  settlement_account: {
    bank_name: { format: 'bank_name', mask: 'clear' },
    account_name: { format: 'account_name', mask: 'account_name' },
    account_number: { format: 'account_number', mask: 'bank_card' },
  },
  store: {
    name: { format: 'text_short', mask: 'clear' },
    address: { format: 'address', mask: 'clear' },
    photo_document_id: { format: 'document_id', mask: 'clear', documentKind: 'STORE_PHOTO' },
  },
  credit_card_authorization: {
    issuing_bank: { format: 'bank_name', mask: 'clear' },
    account_name: { format: 'person_name', mask: 'name' },
    card_number: { format: 'card_number', mask: 'bank_card' },
    reserved_phone: { format: 'mobile', mask: 'mobile' },
  },
};

export const BENEFICIAL_OWNER_FIELDS: Record<string, FieldRule> = {
  name: { format: 'person_name', mask: 'name' },
  address: { format: 'address', mask: 'address' },
  id_type: { format: 'id_type', mask: 'clear' },
  id_number: { format: 'id_number', mask: 'id_number' },
  id_valid_until: { format: 'validity', mask: 'clear' },
};

export const ALL_GROUPS: readonly FormGroup[] = [...(Object.keys(GROUP_FIELDS) as FormGroup[]), 'beneficial_owners'];

/** Which groups each kind of application may carry. */
export function allowedGroups(kind: ApplicationKind, type: MerchantType): readonly FormGroup[] {
  if (kind === 'UPGRADE') return ['credit_card_authorization', 'business_license'];
  if (type === 'INDIVIDUAL') return ['owner', 'settlement_account', 'store', 'business_license'];
  return ['company', 'business_license', 'legal_representative', 'authorized_agent', 'beneficial_owners', 'settlement_account', 'store'];
}

/** Groups that must be complete before submitting; optional groups must be complete when present. */
export function requiredGroups(kind: ApplicationKind, type: MerchantType, upgrade?: { target: Level; from: Level }): readonly FormGroup[] {
  if (kind === 'UPGRADE') {
    const groups: FormGroup[] = [];
    // L2 adds the credit-card authorisation; L3 adds a business licence on top of it.
    if (upgrade!.from === 'L1') groups.push('credit_card_authorization');
    if (upgrade!.target === 'L3') groups.push('business_license');
    return groups;
  }
  if (type === 'INDIVIDUAL') return ['owner', 'settlement_account', 'store'];
  return ['company', 'business_license', 'legal_representative', 'beneficial_owners', 'settlement_account'];
}

/** Fields a group may leave out even when it is present. */
export const OPTIONAL_FIELDS: Partial<Record<FormGroup, readonly string[]>> = {
  owner: ['email'],
};
