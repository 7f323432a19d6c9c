import type { PrivacyServiceClient } from '#contracts/privacy';
import { fromGrpcError, type PromiseClient } from '#libs/grpc';
import { exponentialBackoff, PermanentDeliveryError, type TopicHandler } from '#libs/outbox';

/**
 * Delivers outbox audit messages to the privacy service. Retries for as long
 * as it takes (an audit entry may be late, never lost); the privacy service
 * ignores a replay of the same source id.
 */
export function auditDelivery(privacy: PromiseClient<Pick<PrivacyServiceClient, 'appendAuditEntries'>>, source: string): TopicHandler {
  return {
    policy: exponentialBackoff({ maxAttempts: 1_000, baseMs: 500, capMs: 60_000 }),
    async handle(message) {
      const payload = message.payload as { type: string; actor: { type: string; id: string }; subjectId?: string; payload: unknown; occurredAt: string };
      try {
        await privacy.appendAuditEntries({
          entries: [
            {
              source,
              sourceId: message.dedupeKey,
              type: payload.type,
              actor: payload.actor,
              subjectId: payload.subjectId,
              payloadJson: JSON.stringify(payload.payload),
              occurredAt: payload.occurredAt,
            },
          ],
        });
      } catch (error) {
        const domain = fromGrpcError(error);
        if (domain.kind === 'INVALID_INPUT') throw new PermanentDeliveryError(domain.code);
        throw new Error(domain.code, { cause: error });
      }
    },
  };
}
