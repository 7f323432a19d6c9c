import type { VerifiedLevel } from './verified-level.js';

/** Port: the highest level each subject has verified, and the ID number it was verified with. */
export abstract class VerificationLevelRepository {
  abstract findBySubject(subjectId: string): Promise<VerifiedLevel | undefined>;
  /** True when the subject's level was verified with a different ID number. */
  abstract boundToAnotherIdNumber(subjectId: string, idNumber: string): Promise<boolean>;
}
