import { randomBytes, randomUUID } from 'node:crypto';

/** What a payment app's SDK sends for one phone. */
export function phone(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    platform: 'android',
    app_instance_id: randomUUID(),
    android_id: randomBytes(8).toString('hex'),
    oaid: randomBytes(16).toString('hex'),
    manufacturer: 'Xiaomi',
    model: '23049RAD8C',
    os_version: '14',
    app_version: '8.2.1',
    screen: { width: 1220, height: 2712, density: 3 },
    carrier: '中国移动',
    network_type: '5g',
    timezone: 'Asia/Shanghai',
    language: 'zh-CN',
    emulator: false,
    rooted: false,
    risky_apps: [],
    extra: { battery_level: 87, sdk_build: '2025.06', charging: true },
    ...overrides,
  };
}
