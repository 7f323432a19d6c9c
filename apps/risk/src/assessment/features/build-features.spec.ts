import { describe, expect, it } from 'vitest';
import type { DeviceResolution } from '../device/resolve-device.js';
import type { IpLocation } from '../geo/ip-geolocator.js';
import type { DeviceSignals } from '../signals/device-signals.js';
import { buildFeatures, type FeatureInput } from './build-features.js';
import { FEATURE_CATALOG } from './feature-catalog.js';
import type { ObservedHistory } from './observed-history.js';
import { sampleFeatures } from './sample-features.js';
import { VELOCITY_FEATURE_NAMES, zeroCounts } from './velocity-windows.js';

const signals: DeviceSignals = {
  platform: 'android',
  timezone: 'Asia/Shanghai',
  flags: { jailbroken: true },
  riskyApps: ['com.lexa.fakegps', 'com.example.unknown'],
  extra: {},
};
const shenzhen: IpLocation = {
  countryCode: 'CN',
  province: '广东省',
  city: '深圳市',
  isp: '电信',
  isPrivate: false,
  isDatacenter: false,
  lat: 22.54,
  lon: 114.06,
  timezone: 'Asia/Shanghai',
};
const device: DeviceResolution = {
  deviceId: 'dv_x',
  kind: 'hard',
  confidence: 1,
  fingerprintVersion: 'fp1',
  hardIdChanged: false,
  firstSeenAt: new Date('2025-01-01T00:00:00Z'),
  newKeys: [],
};

function history(overrides: Partial<ObservedHistory['subject']> = {}): ObservedHistory {
  return {
    device: { events: zeroCounts(), otherSubjects: zeroCounts(), otherCards: zeroCounts(), otherIps: zeroCounts(), failedKyc: zeroCounts() },
    subject: { otherDevices: zeroCounts(), otherCities: zeroCounts(), ...overrides },
    ip: { events: zeroCounts() },
    listHits: ['ip_block'],
  };
}

function input(overrides: Partial<FeatureInput> = {}): FeatureInput {
  return {
    at: new Date('2025-01-02T00:00:00Z'),
    eventType: 'LOGIN',
    requestedBy: 'user',
    signals,
    ipLocation: shenzhen,
    device,
    hasCard: false,
    cityKey: 'CN|广东省|深圳市',
    history: history(),
    ...overrides,
  };
}

describe('buildFeatures', () => {
  it('matches the catalogue rules are checked against, name for name', () => {
    const features = buildFeatures(input());
    for (const [namespace, fields] of Object.entries(FEATURE_CATALOG)) {
      expect(Object.keys((features as unknown as Record<string, object>)[namespace]!).sort(), namespace).toEqual(Object.keys(fields).sort());
    }
    expect(Object.keys(features.velocity).sort()).toEqual([...VELOCITY_FEATURE_NAMES].sort());
    expect(Object.keys(sampleFeatures('high')).sort()).toEqual(Object.keys(features).sort());
  });

  it('counts the current event in every velocity feature except failed KYC', () => {
    const features = buildFeatures(input({ hasCard: true }));
    expect(features.velocity.events_per_device).toEqual({ '5m': 1, '1h': 1, '24h': 1, '7d': 1 });
    expect(features.velocity.distinct_cards_per_device['5m']).toBe(1);
    expect(features.velocity.distinct_cities_per_subject['5m']).toBe(1);
    expect(features.velocity.failed_kyc_per_device['5m']).toBe(0);
    expect(buildFeatures(input({ cityKey: '' })).velocity.distinct_cities_per_subject['5m']).toBe(0);
  });

  it('derives device, IP and list features from the signals', () => {
    const features = buildFeatures(input());
    expect(features.device).toMatchObject({ rooted: true, emulator: false, risky_app_count: 2, risky_app_categories: ['gps_spoofer', 'other'], age_hours: 24 });
    expect(features.ip).toMatchObject({ is_china: true, has_location: true });
    expect(features.lists.ip_block).toBe(true);
    expect(features.event.hour).toBe(8);
  });

  it('flags a device time zone that disagrees with the IP', () => {
    expect(buildFeatures(input()).geo.timezone_mismatch).toBe(false);
    expect(buildFeatures(input({ signals: { ...signals, timezone: 'Asia/Chongqing' } })).geo.timezone_mismatch).toBe(false);
    expect(buildFeatures(input({ signals: { ...signals, timezone: 'America/New_York' } })).geo.timezone_mismatch).toBe(true);
  });

  it('treats short IP-located hops as noise but long fast ones as impossible travel', () => {
    const at = new Date('2025-01-02T00:00:00Z');
    const tenMinutesAgo = new Date(at.getTime() - 10 * 60_000);
    const guangzhouByIp = history({ lastLocation: { at: tenMinutesAgo, lat: 23.13, lon: 113.26, source: 'ip' } });
    expect(buildFeatures(input({ at, history: guangzhouByIp })).geo.impossible_travel).toBe(false);
    const beijingByGps = history({ lastLocation: { at: tenMinutesAgo, lat: 39.9, lon: 116.4, source: 'gps' } });
    const features = buildFeatures(input({ at, history: beijingByGps }));
    expect(features.geo.impossible_travel).toBe(true);
    expect(features.geo.travel_minutes).toBe(10);
  });
});
