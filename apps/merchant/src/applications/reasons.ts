import '../merchant.errors.js';
import { DomainError, type FieldViolation } from '#libs/errors';
import { findPlaintextPii } from '#libs/pii';
import type { Reason } from './application.js';

const FIELD_PATH = /^(application|[a-z_]{2,40}(\[\d{1,2}\])?(\.[a-z_]{2,40})?)$/;
const MAX_REASONS = 50;

/**
 * Reasons travel to the merchant's webhook, the audit log and the history,
 * so they are checked like any input and must carry no personal data: a
 * reviewer writes "does not match the licence", not the number itself.
 */
export function readReasons(reasons: Reason[] | undefined, required: boolean): Reason[] {
  const list = (reasons ?? []).map((reason) => ({ field: (reason.field ?? '').trim(), reason: (reason.reason ?? '').trim() }));
  if (required && list.length === 0)
    throw new DomainError('REASONS_REQUIRED', 'At least one reason is required', [
      { field: 'reasons', code: 'REASONS_REQUIRED', message: 'reasons must not be empty' },
    ]);
  const violations: FieldViolation[] = [];
  if (list.length > MAX_REASONS) violations.push({ field: 'reasons', code: 'TOO_MANY', message: `reasons may hold at most ${MAX_REASONS} entries` });
  list.forEach((reason, index) => {
    if (!FIELD_PATH.test(reason.field))
      violations.push({
        field: `reasons[${index}].field`,
        code: 'FIELD_PATH_INVALID',
        message: 'field must be a form field path such as owner.id_number, or application',
      });
    if (reason.reason.length < 1 || reason.reason.length > 500 || /[\p{Cc}]/u.test(reason.reason))
      violations.push({ field: `reasons[${index}].reason`, code: 'LENGTH', message: 'reason must be 1 to 500 characters without control characters' });
  });
  if (violations.length > 0) throw new DomainError('VALIDATION_FAILED', 'The reasons are invalid', violations);
  const personal = findPlaintextPii(list);
  if (personal.length > 0)
    throw new DomainError(
      'REASON_CONTAINS_PERSONAL_DATA',
      'A reason holds what looks like an ID number, card number, phone or e-mail address; describe the problem without it',
      personal.map((hit) => ({
        field: hit.path.replace(/^\$\[(\d+)\]\.(\w+)$/, 'reasons[$1].$2'),
        code: 'REASON_CONTAINS_PERSONAL_DATA',
        message: `looks like a ${hit.kind}`,
      })),
    );
  return list;
}
