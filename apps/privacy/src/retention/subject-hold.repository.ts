/** Port: when a subject's relationship ended, and the privacy records kept until the legal hold ends. */
export abstract class SubjectHoldRepository {
  /** Idempotent: an account closed twice keeps its first end date. */
  abstract closeRelationship(subjectId: string, endedAt: Date, holdUntil: Date): Promise<{ endedAt: Date; holdUntil: Date }>;
  abstract find(subjectId: string): Promise<{ endedAt: Date; holdUntil: Date } | undefined>;
  /** Deletes the consent history, disclosure records and requests of every subject whose hold ended before `asOf`. */
  abstract purgeExpired(asOf: Date): Promise<{ subjects: number; consentEvents: number; disclosures: number; dataRequests: number }>;
}
