import { IsString, Matches, MaxLength } from 'class-validator';

/** Token subjects and merchant ids: short and plain, never personal data (shared/API.md). */
export const SUBJECT_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function IsSubject(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    Matches(SUBJECT_ID)(target, key);
  };
}

/** The caller's merchant, from its token: every merchant-facing call is scoped by it. */
export const IsMerchantId = IsSubject;

/** Record ids from URLs: any short string; one that names nothing of the caller's is "not found" (isUuid below). */
export function IsRecordId(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MaxLength(64)(target, key);
  };
}

/** Ids arrive from URLs: anything that is not a UUID cannot name a record, so it is "not found", not a malformed request. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
