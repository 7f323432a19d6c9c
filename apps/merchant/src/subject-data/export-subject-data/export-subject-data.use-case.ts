import { Inject, Injectable } from '@nestjs/common';
import type { HeldCategory } from '#contracts/subject_data';
import { LOGGER, type Logger } from '#libs/observability';
import { heldCategories } from '../held-category.js';
import { RetentionPolicy } from '../retention-policy.js';
import { SubjectDataRepository } from '../subject-data.repository.js';
import { heldOf, toSubjectExport } from './subject-export.js';

export const EXPORT_REASONS = ['SUBJECT_COPY', 'STAFF_UNMASK'] as const;
export type ExportReason = (typeof EXPORT_REASONS)[number];

/**
 * Everything merchant holds about a subject, in clear, for their own copy
 * (ACCESS, EXPORT) or a privacy officer's unmasking: restricted records
 * included (the subject has the right to see what is kept, and why). The
 * privacy service delivers it through the audited adapter and audits the
 * request; here only counts are logged.
 */
@Injectable()
export class ExportSubjectDataUseCase {
  constructor(
    private readonly subjects: SubjectDataRepository,
    private readonly policy: RetentionPolicy,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(subjectId: string, reason: ExportReason): Promise<{ data: Record<string, unknown>; held: HeldCategory[] }> {
    const records = await this.subjects.recordsOf(subjectId);
    this.logger.info(
      { reason, applications: records.applications.length, documents: records.documents.length, webhooks: records.webhooks.length },
      'Subject data exported',
    );
    return { data: toSubjectExport(subjectId, records), held: heldCategories(heldOf(records), this.policy) };
  }
}
