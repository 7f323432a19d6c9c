import type { AssessRequest, AssessResponse } from '#contracts/risk';
import type { Caller } from '../../edge/auth/caller.js';
import { toCallerMessage } from '../risk-caller.js';
import { toDeviceSignals } from '../device-signals.dto.js';
import type { AssessmentView, CreateAssessmentDto } from './assessment.dto.js';

export function toAssessRequest(caller: Caller, body: CreateAssessmentDto): AssessRequest {
  return {
    caller: toCallerMessage(caller),
    eventType: body.event_type,
    subjectId: body.subject_id,
    ip: body.ip,
    geo: body.geo ? { lat: body.geo.lat, lon: body.geo.lon, accuracyM: body.geo.accuracy_m } : undefined,
    amount: body.amount,
    cardNumber: body.card_number,
    idNumber: body.id_number,
    phone: body.phone,
    device: toDeviceSignals(body.device),
  };
}

export function toAssessmentView(response: AssessResponse): AssessmentView {
  return {
    decision_id: response.decisionId,
    device_id: response.deviceId,
    score: response.score,
    decision: response.decision,
    reasons: response.reasons.map((reason) => ({ code: reason.code, description: reason.description })),
    ruleset_version: response.rulesetVersion,
  };
}
