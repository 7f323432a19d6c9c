import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';

/** Contact fields a subject may correct by declaration (other services may hold them). */
export const CONTACT_FIELDS = ['phone', 'email', 'address'] as const;
/** Facts an authority verified: only a new verification changes them. */
export const AUTHORITY_VERIFIED_FIELDS = ['name', 'id_number'] as const;
export const CORRECTION_FIELDS = [...CONTACT_FIELDS, ...AUTHORITY_VERIFIED_FIELDS] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

/**
 * Risk holds no contact data of a subject: the phone in a decision's sealed
 * snapshot is what that one event carried (a record of the past, which a
 * correction must not rewrite), not a contact field. So a declared phone,
 * email or address changes nothing here (0, not a refusal: other services
 * may hold the field). As everywhere, a declaration cannot change what an
 * authority verified: name and ID number are refused.
 */
@Injectable()
export class CorrectSubjectDataUseCase {
  execute(field: CorrectionField): { updated: number } {
    if ((AUTHORITY_VERIFIED_FIELDS as readonly string[]).includes(field))
      throw new DomainError('FIELD_NOT_CORRECTABLE', `The ${field} was verified by an authority; a new real-name verification is needed to change it`);
    return { updated: 0 };
  }
}
