import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { LOGGER, type Logger } from '#libs/observability';
import { readField } from '../../applications/form/form-formats.js';
import { Clock } from '../../shared/clock.js';
import { CONTACT_PATHS, isAuthorityVerified, type CorrectionField } from '../contact-fields.js';
import { SubjectDataRepository } from '../subject-data.repository.js';

export interface CorrectSubjectDataCommand {
  subjectId: string;
  field: CorrectionField;
  /** Personal data: never logged, never in an error. */
  value: string;
  requestId: string;
}

/**
 * Self-service correction of a contact field on the subject's individual
 * merchant records (contact-fields.ts says where each lives). Every usable
 * record is corrected, in whatever state, each correction recorded with the
 * value it replaced; records kept under a hold are not (they stay as the
 * due-diligence record was). A name or ID number was checked against the
 * authority: only a new verification changes it.
 */
@Injectable()
export class CorrectSubjectDataUseCase {
  constructor(
    private readonly subjects: SubjectDataRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: CorrectSubjectDataCommand): Promise<{ updated: number }> {
    if (isAuthorityVerified(command.field))
      throw new DomainError('FIELD_NOT_CORRECTABLE', `The ${command.field} was verified by an authority; a new real-name verification is needed to change it`);
    const path = CONTACT_PATHS[command.field as keyof typeof CONTACT_PATHS];
    const read = readField(path.format, command.value);
    if (!read.ok)
      throw new DomainError('CORRECTION_VALUE_INVALID', `The new ${command.field} is not valid`, [
        { field: 'value', code: read.code, message: `value ${read.message}` },
      ]);
    const updated = await this.subjects.correct({ subjectId: command.subjectId, path, value: read.value, requestId: command.requestId, at: this.clock.now() });
    this.logger.info({ dataRequestId: command.requestId, field: command.field, updated }, 'Subject data corrected');
    return { updated };
  }
}
