import { Inject, Injectable } from '@nestjs/common';
import type { HeldCategory } from '#contracts/subject_data';
import { LOGGER, type Logger } from '#libs/observability';
import { PiiVault } from '#libs/pii';
import { unsealSnapshot } from '../../assessment/sensitive-snapshot.js';
import { heldCategories } from '../held-category.js';
import { RetentionPolicy } from '../retention-policy.js';
import { SubjectDataRepository } from '../subject-data.repository.js';
import { heldRecords, subjectExport } from './subject-export.js';

export const EXPORT_REASONS = ['SUBJECT_COPY', 'STAFF_UNMASK'] as const;
export type ExportReason = (typeof EXPORT_REASONS)[number];

/**
 * Every decision risk holds about a subject, in clear, restricted ones
 * included: the subject's own copy and a privacy officer's unmasking are
 * legal duties (the privacy service audits both). Same content for both reasons.
 */
@Injectable()
export class ExportSubjectDataUseCase {
  constructor(
    private readonly subjects: SubjectDataRepository,
    private readonly policy: RetentionPolicy,
    private readonly vault: PiiVault,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(subjectId: string, reason: ExportReason): Promise<{ data: Record<string, unknown>; held: HeldCategory[] }> {
    const records = await this.subjects.load(subjectId);
    this.logger.info({ reason, decisions: records.decisions.length }, 'Subject data exported');
    return {
      data: subjectExport(records, (sealed) => unsealSnapshot(this.vault, sealed)),
      held: heldCategories(heldRecords(records), this.policy),
    };
  }
}
