import type { Application } from './application.js';

export interface DuplicateKeys {
  creditCode?: { field: string; value: string };
  /** The individual owner's or the legal representative's ID document. */
  principalId?: { field: string; idType: string; value: string };
}

/**
 * What makes two merchants the same merchant: the company's credit code,
 * or the person behind it (the owner of an individual merchant, the legal
 * representative of an enterprise). Only onboarding records count.
 */
export function duplicateKeysOf(application: Application): DuplicateKeys {
  if (application.kind !== 'ONBOARDING') return {};
  const keys: DuplicateKeys = {};
  const creditCode = application.form.business_license?.credit_code;
  if (creditCode) keys.creditCode = { field: 'business_license.credit_code', value: creditCode };
  if (application.type === 'INDIVIDUAL' && application.form.owner?.id_number)
    keys.principalId = { field: 'owner.id_number', idType: 'RESIDENT_ID', value: application.form.owner.id_number };
  const representative = application.form.legal_representative;
  if (application.type === 'ENTERPRISE' && representative?.id_number)
    keys.principalId = { field: 'legal_representative.id_number', idType: representative.id_type ?? 'RESIDENT_ID', value: representative.id_number };
  return keys;
}
