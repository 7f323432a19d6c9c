import type { SubjectDataTarget } from '../data-request.js';

export interface HeldCategory {
  category: string;
  holdUntil?: string;
  legalBasis: string;
  records: number;
}

/** Port: the SubjectDataService of each service that holds personal data. */
export abstract class SubjectDataGateway {
  abstract export(target: SubjectDataTarget, subjectId: string, reason: 'SUBJECT_COPY' | 'STAFF_UNMASK'): Promise<{ data: unknown; held: HeldCategory[] }>;
  abstract correct(target: SubjectDataTarget, subjectId: string, field: string, value: string, requestId: string): Promise<number>;
  abstract erase(
    target: SubjectDataTarget,
    subjectId: string,
    mode: 'DELETE' | 'CLOSE_ACCOUNT',
    requestId: string,
  ): Promise<{ deleted: number; anonymised: number; held: HeldCategory[] }>;
  abstract runRetention(target: SubjectDataTarget, asOf: Date): Promise<Record<string, number>>;
}
