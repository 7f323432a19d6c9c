import type { AssessRequest, AssessResponse } from '#contracts/risk';
import type { Caller } from '../../edge/auth/caller.js';
import { toCallerMessage } from '../risk-caller.js';
import type { AssessmentView, CreateAssessmentDto } from './assessment.dto.js';

export function toAssessRequest(caller: Caller, body: CreateAssessmentDto): AssessRequest {
  const device = body.device;
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
    device: {
      platform: device.platform,
      appInstanceId: device.app_instance_id,
      oaid: device.oaid,
      idfv: device.idfv,
      androidId: device.android_id,
      imei: device.imei,
      manufacturer: device.manufacturer,
      model: device.model,
      osVersion: device.os_version,
      appVersion: device.app_version,
      screen: device.screen ? { width: device.screen.width, height: device.screen.height, density: device.screen.density } : undefined,
      carrier: device.carrier,
      networkType: device.network_type,
      timezone: device.timezone,
      language: device.language,
      emulator: device.emulator,
      rooted: device.rooted,
      jailbroken: device.jailbroken,
      hooked: device.hooked,
      debugger: device.debugger,
      proxy: device.proxy,
      vpn: device.vpn,
      clonedApp: device.cloned_app,
      riskyApps: device.risky_apps ?? [],
      // The proto carries strings: numbers and booleans are kept as their text.
      extra: Object.fromEntries(Object.entries(device.extra ?? {}).map(([key, value]) => [key, String(value)])),
    },
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
