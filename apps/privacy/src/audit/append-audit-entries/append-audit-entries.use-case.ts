import { Injectable } from '@nestjs/common';
import { canonicalJson, type AuditActor } from '#libs/audit';
import { DomainError } from '#libs/errors';
import { findPlaintextPii } from '#libs/pii';
import type { NewAuditEntry } from '../audit-entry.js';
import { AuditLogRepository } from '../audit-log.repository.js';
import type { NewAuditEntryDto } from './append-audit-entries.request.js';

function parsePayload(json: string, index: number): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(json);
    canonicalJson(payload);
  } catch {
    throw new DomainError('AUDIT_PAYLOAD_INVALID', `entries[${index}].payload_json is not a JSON object`);
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload) || json.includes('\\u0000')) {
    throw new DomainError('AUDIT_PAYLOAD_INVALID', `entries[${index}].payload_json is not a JSON object`);
  }
  const hits = findPlaintextPii(payload);
  if (hits.length > 0)
    throw new DomainError('AUDIT_PAYLOAD_CONTAINS_PII', `entries[${index}] holds plaintext personal data at ${hits.map((hit) => hit.path).join(', ')}`);
  return payload as Record<string, unknown>;
}

/** Entries from other services, delivered through their outboxes; a redelivery keeps its original place. */
@Injectable()
export class AppendAuditEntriesUseCase {
  constructor(private readonly log: AuditLogRepository) {}

  execute(entries: NewAuditEntryDto[]): Promise<string[]> {
    const parsed: NewAuditEntry[] = entries.map((entry, index) => ({
      source: entry.source,
      sourceId: entry.sourceId,
      type: entry.type,
      actor: entry.actor as AuditActor,
      ...(entry.subjectId ? { subjectId: entry.subjectId } : {}),
      payload: parsePayload(entry.payloadJson, index),
      occurredAt: new Date(entry.occurredAt),
    }));
    return this.log.append(parsed);
  }
}
