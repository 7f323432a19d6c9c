import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { findPlaintextPii } from '#libs/pii';
import { randomUUID } from 'node:crypto';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { SUBJECT_DATA_TARGETS } from '../data-requests/data-request.js';
import { LocalSubjectData } from '../data-requests/processing/local-subject-data.js';
import { SubjectDataGateway } from '../data-requests/processing/subject-data.gateway.js';

export interface UnmaskedSection {
  service: string;
  data: unknown;
}

/**
 * Staff see personal data masked everywhere else. A privacy officer may see
 * it in clear, for a stated reason; the audit entry is written before the
 * data is returned, so an unmasking is never unrecorded.
 */
@Injectable()
export class UnmaskSubjectUseCase {
  constructor(
    private readonly services: SubjectDataGateway,
    private readonly local: LocalSubjectData,
    private readonly log: AuditLogRepository,
  ) {}

  async execute(subjectId: string, reason: string, officerId: string): Promise<{ sections: UnmaskedSection[]; auditSeq: string }> {
    const trimmed = reason.trim();
    if (trimmed.length < 10 || trimmed.length > 500)
      throw new DomainError('UNMASK_REASON_INVALID', 'A reason of 10 to 500 characters is required', [
        { field: 'reason', code: 'UNMASK_REASON_INVALID', message: 'reason must be 10 to 500 characters' },
      ]);
    if (findPlaintextPii({ reason: trimmed }).length > 0)
      throw new DomainError('UNMASK_REASON_INVALID', 'The reason must not contain personal data', [
        { field: 'reason', code: 'UNMASK_REASON_INVALID', message: 'reason must not contain personal data' },
      ]);
    const sections: UnmaskedSection[] = [];
    for (const target of SUBJECT_DATA_TARGETS) sections.push({ service: target, data: (await this.services.export(target, subjectId, 'STAFF_UNMASK')).data });
    sections.push({ service: 'privacy', data: await this.local.export(subjectId) });
    const [auditSeq] = await this.log.append([
      {
        source: 'privacy',
        sourceId: `unmask:${randomUUID()}`,
        type: 'PII_UNMASKED',
        actor: { type: 'staff', id: officerId },
        subjectId,
        payload: { reason: trimmed, sections: sections.map((section) => section.service) },
        occurredAt: new Date(),
      },
    ]);
    return { sections, auditSeq: auditSeq! };
  }
}
