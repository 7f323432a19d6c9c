import type { FieldFormat } from '../applications/form/form-schema.js';

/** Contact fields a subject may correct by declaration (the privacy service's CORRECT request). */
export const CONTACT_FIELDS = ['phone', 'email', 'address'] as const;
/** Facts an authority verified: only a new verification changes them. */
export const AUTHORITY_VERIFIED_FIELDS = ['name', 'id_number'] as const;
export const CORRECTION_FIELDS = [...CONTACT_FIELDS, ...AUTHORITY_VERIFIED_FIELDS] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Where a contact field lives in an individual merchant's form. */
export interface ContactPath {
  group: 'owner' | 'store';
  field: 'phone' | 'email' | 'address';
  format: FieldFormat;
}

/**
 * The subject of an individual merchant record is its owner: their phone
 * and e-mail are the owner's; their address is the store's (the only
 * address an individual merchant's record holds, the sole trader's business
 * address). An enterprise record's people (legal representative, agent,
 * beneficial owners) are not known to be the token subject, so nothing of
 * theirs is corrected by a subject's declaration.
 */
export const CONTACT_PATHS: Record<ContactField, ContactPath> = {
  phone: { group: 'owner', field: 'phone', format: 'mobile' },
  email: { group: 'owner', field: 'email', format: 'email' },
  address: { group: 'store', field: 'address', format: 'address' },
};

export const isAuthorityVerified = (field: string): boolean => (AUTHORITY_VERIFIED_FIELDS as readonly string[]).includes(field);
