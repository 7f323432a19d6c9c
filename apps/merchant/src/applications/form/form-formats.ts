import { normaliseBankCard, normaliseCreditCode, parseBankCard, parseIdNumber, parseMobile } from '#libs/pii';
import { ID_TYPES } from '../application.js';
import type { FieldFormat } from './form-schema.js';

/** The result of reading one input value: its stored (normal) form, or a code saying why not. */
export type FormatResult = { ok: true; value: string } | { ok: false; code: string; message: string };

const ok = (value: string): FormatResult => ({ ok: true, value });
const bad = (code: string, message: string): FormatResult => ({ ok: false, code, message });

// No control characters anywhere: they hide text from reviewers and break logs.
const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const OTHER_ID = /^[A-Za-z0-9]{5,20}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function text(value: string, min: number, max: number): FormatResult {
  const trimmed = value.normalize('NFC').trim();
  const length = Array.from(trimmed).length;
  if (!PRINTABLE.test(trimmed)) return bad('INVALID_CHARACTERS', 'must not contain control characters');
  if (length < min || length > max) return bad('LENGTH', `must be ${min} to ${max} characters`);
  return ok(trimmed);
}

function validity(value: string): FormatResult {
  if (value === 'LONG_TERM') return ok(value);
  const match = DATE.exec(value);
  if (!match) return bad('DATE_INVALID', 'must be YYYY-MM-DD or LONG_TERM');
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== value) return bad('DATE_INVALID', 'must be a real calendar date');
  return ok(value);
}

/**
 * Reads one field. `idType` is the group's ID type, when it has one: a
 * resident ID number is checked in full (GB 11643), other documents only
 * for shape. The credit code is checked for shape only here: its check
 * character is one of the automated checks run on submit.
 */
export function readField(format: FieldFormat, value: string, idType = 'RESIDENT_ID'): FormatResult {
  switch (format) {
    case 'person_name':
      return text(value, 2, 64);
    case 'account_name':
      return text(value, 2, 100);
    case 'bank_name':
      return text(value, 2, 100);
    case 'text_short':
      return text(value, 1, 100);
    case 'address':
      return text(value, 2, 200);
    case 'text_long':
      return text(value, 2, 1000);
    case 'id_type':
      return (ID_TYPES as readonly string[]).includes(value) ? ok(value) : bad('ID_TYPE_INVALID', `must be one of ${ID_TYPES.join(', ')}`);
    case 'id_number': {
      if (idType === 'RESIDENT_ID') {
        const parsed = parseIdNumber(value);
        return parsed.ok ? ok(parsed.value) : bad('ID_NUMBER_INVALID', 'is not a valid resident ID number');
      }
      return OTHER_ID.test(value.trim()) ? ok(value.trim().toUpperCase()) : bad('ID_NUMBER_INVALID', 'must be 5 to 20 letters or digits');
    }
    case 'mobile': {
      const parsed = parseMobile(value);
      return parsed.ok ? ok(parsed.value) : bad('PHONE_INVALID', 'is not a mainland mobile number');
    }
    case 'email': {
      const trimmed = value.trim();
      return trimmed.length <= 254 && EMAIL.test(trimmed) ? ok(trimmed) : bad('EMAIL_INVALID', 'is not an e-mail address');
    }
    case 'document_id':
      return UUID.test(value) ? ok(value.toLowerCase()) : bad('DOCUMENT_ID_INVALID', 'is not a document id');
    case 'credit_code': {
      const normal = normaliseCreditCode(value);
      return CREDIT_CODE_SHAPE.test(normal) ? ok(normal) : bad('CREDIT_CODE_FORMAT', 'must be 18 characters of the GB 32100 alphabet');
    }
    case 'validity':
      return validity(value.trim());
    case 'account_number': {
      const digits = normaliseBankCard(value);
      return /^\d{8,32}$/.test(digits) ? ok(digits) : bad('ACCOUNT_NUMBER_INVALID', 'must be 8 to 32 digits');
    }
    case 'card_number': {
      const parsed = parseBankCard(value);
      return parsed.ok ? ok(parsed.value) : bad('CARD_NUMBER_INVALID', 'is not a valid card number');
    }
  }
}
