import type { DataRequest as DataRequestMessage } from '#contracts/privacy';
import type { DataRequest } from './data-request.js';

/** The result goes only to the subject's own view (`withResult`), never to staff lists. */
export function toDataRequestMessage(request: DataRequest, withResult: boolean): DataRequestMessage {
  return {
    id: request.id,
    subjectId: request.subjectId,
    type: request.type,
    status: request.status,
    receivedAt: request.receivedAt.toISOString(),
    dueAt: request.dueAt.toISOString(),
    completedAt: request.completedAt?.toISOString(),
    refusalReason: request.refusalReason,
    steps: request.steps.map((step) => ({ target: step.target, action: step.action, status: step.status, attempts: step.attempts, lastError: step.lastError })),
    resultJson: withResult && request.result !== undefined ? JSON.stringify(request.result) : undefined,
  };
}
