import type { Platform } from '../signals/device-signals.js';
import type { AssessInput } from './assess.use-case.js';
import type { ValidAssessRequest } from './assess.request.js';

/** One spelling per address, so counts and lists never see `2001:DB8::1` and `2001:db8::1` as two IPs. */
export function canonicalIp(ip: string): string {
  return ip.includes(':') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}

/** Validated request → domain input; proto's optional scalars arrive as undefined when unset. */
export function toAssessInput(request: ValidAssessRequest): AssessInput {
  const device = request.device;
  return {
    eventType: request.eventType,
    subjectId: request.subjectId,
    ip: canonicalIp(request.ip),
    gps: request.geo ? { lat: request.geo.lat, lon: request.geo.lon, accuracyM: request.geo.accuracyM ?? undefined } : undefined,
    amount: request.amount ?? undefined,
    cardNumber: request.cardNumber ?? undefined,
    idNumber: request.idNumber ?? undefined,
    phone: request.phone ?? undefined,
    device: {
      platform: device.platform as Platform,
      appInstanceId: device.appInstanceId ?? undefined,
      oaid: device.oaid ?? undefined,
      idfv: device.idfv ?? undefined,
      androidId: device.androidId ?? undefined,
      imei: device.imei ?? undefined,
      manufacturer: device.manufacturer ?? undefined,
      model: device.model ?? undefined,
      osVersion: device.osVersion ?? undefined,
      appVersion: device.appVersion ?? undefined,
      screen: device.screen ? { width: device.screen.width, height: device.screen.height, density: device.screen.density ?? undefined } : undefined,
      carrier: device.carrier ?? undefined,
      networkType: device.networkType ?? undefined,
      timezone: device.timezone ?? undefined,
      language: device.language ?? undefined,
      flags: {
        emulator: device.emulator ?? undefined,
        rooted: device.rooted ?? undefined,
        jailbroken: device.jailbroken ?? undefined,
        hooked: device.hooked ?? undefined,
        debugger: device.debugger ?? undefined,
        proxy: device.proxy ?? undefined,
        vpn: device.vpn ?? undefined,
        clonedApp: device.clonedApp ?? undefined,
      },
      riskyApps: device.riskyApps,
      extra: { ...device.extra },
    },
  };
}
