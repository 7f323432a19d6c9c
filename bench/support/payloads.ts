import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Realistic assessment traffic: a population of phones and accounts where
 * most events come from a user's usual phone, a few share devices, and IPs
 * come from Chinese mobile and broadband ranges. Generated up front so the
 * load generator spends its CPU on sending, not on building payloads.
 */
export interface BenchPayloads {
  grpc: Array<Record<string, unknown>>;
  http: Array<Record<string, unknown>>;
}

const IPS = [
  '120.24.78.68',
  '223.5.5.5',
  '1.2.4.8',
  '114.114.114.114',
  '183.60.92.11',
  '117.136.12.79',
  '36.110.174.5',
  '112.96.33.171',
  '10.12.0.5',
  '101.226.4.6',
];
const EVENTS = ['LOGIN', 'LOGIN', 'LOGIN', 'PAYMENT', 'PAYMENT', 'PAYMENT', 'KYC', 'BIND_CARD', 'WITHDRAW', 'REGISTER'];
const MODELS = [
  ['Xiaomi', '23049RAD8C'],
  ['HUAWEI', 'ALN-AL00'],
  ['OPPO', 'PHM110'],
  ['vivo', 'V2309A'],
  ['HONOR', 'PGT-AN10'],
];

interface Phone {
  platform: string;
  appInstanceId: string;
  androidId: string;
  oaid: string;
  manufacturer: string;
  model: string;
}

function phone(index: number): Phone {
  const [manufacturer, model] = MODELS[index % MODELS.length]!;
  return {
    platform: 'android',
    appInstanceId: randomUUID(),
    androidId: randomBytes(8).toString('hex'),
    oaid: randomBytes(16).toString('hex'),
    manufacturer: manufacturer!,
    model: model!,
  };
}

export function generatePayloads(count: number, population = { subjects: 50_000, devices: 60_000 }): BenchPayloads {
  const phones = Array.from({ length: population.devices }, (_, index) => phone(index));
  const grpc: Array<Record<string, unknown>> = [];
  const http: Array<Record<string, unknown>> = [];
  for (let index = 0; index < count; index++) {
    const subject = Math.floor(Math.random() * population.subjects);
    // 95 % of events from the account's own phone, the rest from a random one.
    const device = phones[Math.random() < 0.95 ? subject % phones.length : Math.floor(Math.random() * phones.length)]!;
    const eventType = EVENTS[index % EVENTS.length]!;
    const ip = IPS[Math.floor(Math.random() * IPS.length)]!;
    const flags = { emulator: Math.random() < 0.01, rooted: Math.random() < 0.03, vpn: Math.random() < 0.05 };
    const amount = eventType === 'PAYMENT' || eventType === 'WITHDRAW' ? Math.round(Math.random() * 500_000) / 100 : undefined;
    const gps = Math.random() < 0.5 ? { lat: 22.5 + Math.random() * 10, lon: 113 + Math.random() * 8, accuracyM: 20 } : undefined;
    const subjectId = `bench-subject-${subject}`;
    grpc.push({
      caller: { subjectId: 'bench-merchant', roles: ['merchant'], merchantId: 'bench-merchant' },
      eventType,
      subjectId,
      ip,
      geo: gps,
      amount,
      device: {
        platform: device.platform,
        appInstanceId: device.appInstanceId,
        androidId: device.androidId,
        oaid: device.oaid,
        manufacturer: device.manufacturer,
        model: device.model,
        osVersion: '14',
        appVersion: '8.2.1',
        screen: { width: 1220, height: 2712, density: 3 },
        carrier: '中国移动',
        networkType: '5g',
        timezone: 'Asia/Shanghai',
        language: 'zh-CN',
        ...flags,
        riskyApps: [],
        extra: {},
      },
    });
    http.push({
      event_type: eventType,
      subject_id: subjectId,
      ip,
      ...(gps ? { geo: { lat: gps.lat, lon: gps.lon, accuracy_m: gps.accuracyM } } : {}),
      ...(amount !== undefined ? { amount } : {}),
      device: {
        platform: device.platform,
        app_instance_id: device.appInstanceId,
        android_id: device.androidId,
        oaid: device.oaid,
        manufacturer: device.manufacturer,
        model: device.model,
        os_version: '14',
        app_version: '8.2.1',
        screen: { width: 1220, height: 2712, density: 3 },
        carrier: '中国移动',
        network_type: '5g',
        timezone: 'Asia/Shanghai',
        language: 'zh-CN',
        ...flags,
        cloned_app: false,
      },
    });
  }
  return { grpc, http };
}
