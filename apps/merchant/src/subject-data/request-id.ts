import { IsString, Matches } from 'class-validator';
import { SUBJECT_ID } from '../shared/identifiers.js';

/** Data-request ids of the privacy service: short and plain, never personal data. */
export function IsRequestId(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    Matches(SUBJECT_ID)(target, key);
  };
}
