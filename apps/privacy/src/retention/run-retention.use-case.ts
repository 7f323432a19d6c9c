import { Injectable } from '@nestjs/common';
import { fromGrpcError } from '#libs/grpc';
import { randomUUID } from 'node:crypto';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { SUBJECT_DATA_TARGETS } from '../data-requests/data-request.js';
import { SubjectDataGateway } from '../data-requests/processing/subject-data.gateway.js';
import { SubjectHoldRepository } from './subject-hold.repository.js';

/**
 * The retention sweep: each service purges what is past retention in its own
 * schema (expired sessions' personal fields, old decisions, ended holds),
 * and privacy purges the records of subjects whose hold ended. The audit log
 * is never touched; the run itself is audited with its counts.
 */
@Injectable()
export class RunRetentionUseCase {
  constructor(
    private readonly services: SubjectDataGateway,
    private readonly holds: SubjectHoldRepository,
    private readonly log: AuditLogRepository,
  ) {}

  async execute(asOf: Date, requestedBy: string): Promise<{ counts: Record<string, number>; failed: string[] }> {
    const counts: Record<string, number> = {};
    const failed: string[] = [];
    for (const target of SUBJECT_DATA_TARGETS) {
      try {
        for (const [action, count] of Object.entries(await this.services.runRetention(target, asOf))) counts[`${target}.${action}`] = count;
      } catch (error) {
        failed.push(`${target}: ${fromGrpcError(error).code}`);
      }
    }
    const local = await this.holds.purgeExpired(asOf);
    counts['privacy.holds_ended'] = local.subjects;
    counts['privacy.consent_events_deleted'] = local.consentEvents;
    counts['privacy.disclosures_deleted'] = local.disclosures;
    counts['privacy.data_requests_deleted'] = local.dataRequests;
    await this.log.append([
      {
        source: 'privacy',
        sourceId: `retention:${randomUUID()}`,
        type: 'RETENTION_RUN',
        actor: { type: 'system', id: requestedBy },
        payload: { as_of: asOf.toISOString(), counts, failed },
        occurredAt: new Date(),
      },
    ]);
    return { counts, failed };
  }
}
