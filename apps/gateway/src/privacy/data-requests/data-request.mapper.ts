import type { DataRequest } from '#contracts/privacy';
import type { DataRequestView } from './data-request.dto.js';

export const toDataRequestView = (request: DataRequest): DataRequestView => ({
  id: request.id,
  type: request.type,
  status: request.status,
  received_at: request.receivedAt,
  due_at: request.dueAt,
  ...(request.completedAt ? { completed_at: request.completedAt } : {}),
  ...(request.refusalReason ? { refusal_reason: request.refusalReason } : {}),
  steps: request.steps.map((step) => ({
    target: step.target,
    action: step.action,
    status: step.status,
    attempts: step.attempts,
    ...(step.lastError ? { last_error: step.lastError } : {}),
  })),
  ...(request.resultJson ? { result: JSON.parse(request.resultJson) as unknown } : {}),
});
