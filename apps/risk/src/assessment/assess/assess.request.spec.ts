import { describe, expect, it } from 'vitest';
import { parseAssessRequest } from './assess.request.js';

/** As @grpc/proto-loader delivers it: camelCase, unset messages null, unset optionals absent. */
function request(overrides: Record<string, unknown> = {}, device: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caller: { subjectId: 'user-1', roles: ['user'] },
    eventType: 'LOGIN',
    subjectId: 'user-1',
    ip: '120.24.78.68',
    geo: null,
    device: { platform: 'android', appInstanceId: 'a1b2c3d4-0000-4000-8000-000000000001', riskyApps: [], extra: {}, ...device },
    ...overrides,
  };
}

function violations(value: Record<string, unknown>): string[] {
  try {
    parseAssessRequest(value);
    return [];
  } catch (error) {
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    return (error as { violations: Array<{ field: string }> }).violations.map((violation) => violation.field);
  }
}

describe('Assess request validation', () => {
  it('accepts a full SDK payload', () => {
    const full = request(
      {
        geo: { lat: 31.23, lon: 121.47, accuracyM: 12 },
        amount: 99.5,
        cardNumber: '6222021234567890128',
        idNumber: '11010519491231002X',
        phone: '13812345678',
      },
      {
        oaid: 'a1b2c3d4e5f60718',
        androidId: '0123456789abcdef',
        imei: '490154203237518',
        manufacturer: 'HUAWEI',
        model: 'ALN-AL00',
        osVersion: 'HarmonyOS 4.2',
        appVersion: '8.2.1',
        screen: { width: 1260, height: 2720, density: 3.5 },
        carrier: '中国联通',
        networkType: '5g',
        timezone: 'Asia/Shanghai',
        language: 'zh-CN',
        emulator: false,
        hooked: false,
        riskyApps: ['com.lexa.fakegps'],
        extra: { battery_level: '87', sdk_build: '2025.06' },
      },
    );
    expect(violations(full)).toEqual([]);
  });

  it.each([
    [{ eventType: 'TRANSFER' }, {}, 'eventType'],
    [{ ip: '999.1.1.1' }, {}, 'ip'],
    [{ ip: 'fe80::1%eth0' }, {}, 'ip'],
    [{ geo: { lat: 91, lon: 0 } }, {}, 'geo.lat'],
    [{ amount: -1 }, {}, 'amount'],
    [{ amount: 1.234 }, {}, 'amount'],
    [{ cardNumber: '6222021234567890120' }, {}, 'cardNumber'],
    [{ idNumber: '110105194912310021' }, {}, 'idNumber'],
    [{ caller: null }, {}, 'caller'],
    [{ device: null }, {}, 'device'],
    [{}, { platform: 'symbian' }, 'device.platform'],
    [{}, { imei: '490154203237519' }, 'device.imei'],
    [{}, { timezone: 'Mars/Base' }, 'device.timezone'],
    [{}, { screen: { width: 5, height: 2000 } }, 'device.screen.width'],
    [{}, { networkType: 'lte-advanced' }, 'device.networkType'],
    [{}, { riskyApps: ['not a package'] }, 'device.riskyApps'],
    [{}, { extra: { 'Bad Key': 'x' } }, 'device.extra'],
    [{}, { extra: { key: 'x'.repeat(257) } }, 'device.extra'],
    [{}, { oaid: 'zzzz' }, 'device.oaid'],
    // Protobuf doubles can carry NaN and infinities; none is a coordinate, amount or density.
    [{ geo: { lat: Number.NaN, lon: 0 } }, {}, 'geo.lat'],
    [{ amount: Number.POSITIVE_INFINITY }, {}, 'amount'],
    [{}, { screen: { width: 1000, height: 2000, density: Number.NaN } }, 'device.screen.density'],
    [{ caller: { subjectId: 'user-1', roles: ['root'] } }, {}, 'caller.roles'],
    [{ caller: { roles: ['user'] } }, {}, 'caller.subjectId'],
    [{ subjectId: 'x'.repeat(129) }, {}, 'subjectId'],
    [{ subjectId: 'has space' }, {}, 'subjectId'],
    [{ phone: '1381234567' }, {}, 'phone'],
    [{}, { riskyApps: Array.from({ length: 101 }, (_, index) => `com.app.n${index}`) }, 'device.riskyApps'],
    [{}, { extra: Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 'v'])) }, 'device.extra'],
    [{}, { rooted: 'yes' }, 'device.rooted'],
    [{}, { riskyApps: undefined }, 'device.riskyApps'],
  ])('refuses %o %o at %s', (overrides, device, field) => {
    expect(violations(request(overrides, device))).toContain(field);
  });

  it('names each problem with a stable code and never echoes the value', () => {
    try {
      parseAssessRequest(request({ cardNumber: '6222021234567890120', eventType: 'TRANSFER' }, { platform: 'symbian' }));
      expect.unreachable('the request is invalid');
    } catch (error) {
      const found = (error as { violations: Array<{ field: string; code: string; message: string }> }).violations;
      expect(found).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'cardNumber', code: 'IS_BANK_CARD' }),
          expect.objectContaining({ field: 'eventType', code: 'IS_IN' }),
          expect.objectContaining({ field: 'device.platform', code: 'IS_IN' }),
        ]),
      );
      expect(JSON.stringify(found)).not.toContain('6222021234567890120');
    }
  });

  it('accepts unset messages and optionals as protobuf delivers them', () => {
    expect(violations(request({ geo: null }, { screen: null, oaid: undefined }))).toEqual([]);
  });
});
