import { randomUUID } from 'node:crypto';
import { findPlaintextPii } from '#libs/pii';
import { OutboxWriter } from '#libs/outbox';
import type { EntityManager } from 'typeorm';
import type { AuditRecord } from './audit-types.js';

export const AUDIT_TOPIC = 'audit';

/** Personal data in an audit payload is a bug in the caller, so it fails loudly. */
export function assertAuditPayloadClean(payload: Record<string, unknown>): void {
  const hits = findPlaintextPii(payload);
  if (hits.length > 0) {
    throw new Error(`Audit payload holds plaintext personal data at ${hits.map((hit) => `${hit.path} (${hit.kind})`).join(', ')}`);
  }
}

/**
 * Records audit entries through the service's outbox, in the same
 * transaction as the change they describe: the entry exists exactly when
 * the change was committed, and reaches the privacy service's log even if
 * it is down at that moment.
 */
export class AuditRecorder {
  private readonly writer: OutboxWriter;

  constructor(schema: string) {
    this.writer = new OutboxWriter(schema);
  }

  async record(manager: EntityManager, record: AuditRecord, dedupeKey: string = randomUUID()): Promise<void> {
    assertAuditPayloadClean(record.payload);
    await this.writer.enqueue(manager, {
      topic: AUDIT_TOPIC,
      dedupeKey: `audit:${dedupeKey}`,
      payload: {
        type: record.type,
        actor: record.actor,
        ...(record.subjectId ? { subjectId: record.subjectId } : {}),
        payload: record.payload,
        occurredAt: (record.occurredAt ?? new Date()).toISOString(),
      },
    });
  }
}
