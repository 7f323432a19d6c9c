import { IsString, Matches } from 'class-validator';

/** Subject ids are opaque token subjects: short and plain, never personal data. */
export const SUBJECT_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function IsSubjectId(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    Matches(SUBJECT_ID)(target, key);
  };
}
