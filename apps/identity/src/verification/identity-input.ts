import { ageOn, parseIdNumber } from '#libs/pii';

export type IdentityInput = { ok: true; name: string; idNumber: string; birthDate: string } | { ok: false; reasonCode: 'NAME_INVALID' | 'ID_NUMBER_INVALID' };

// Names on a resident ID card are Han characters; minority names join parts with a middle dot.
const NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
// Dots people type for the middle dot (bullet, katakana and half-width middle dots, hyphenation point).
const DOT_LOOKALIKES = /[•・･‧∙⋅]/g;

/** The name as the authority holds it: NFC, trimmed, one kind of middle dot. Undefined when it cannot be a resident's name. */
export function normaliseName(input: string): string | undefined {
  const name = input.normalize('NFC').trim().replace(DOT_LOOKALIKES, '·');
  const length = [...name].length;
  return length >= 2 && length <= 30 && NAME.test(name) ? name : undefined;
}

/** Checks the ID number (GB 11643: shape, province, birth date, check character) and the name before anything leaves. */
export function parseIdentityInput(name: string, idNumber: string, today: Date): IdentityInput {
  const parsed = parseIdNumber(idNumber, { today });
  if (!parsed.ok) return { ok: false, reasonCode: 'ID_NUMBER_INVALID' };
  const normalised = normaliseName(name);
  if (!normalised) return { ok: false, reasonCode: 'NAME_INVALID' };
  return { ok: true, name: normalised, idNumber: parsed.value, birthDate: parsed.birthDate };
}

export function isUnderAge(birthDate: string, today: Date, minimumAgeYears: number): boolean {
  return ageOn(birthDate, today) < minimumAgeYears;
}
