import { describe, expect, it } from 'vitest';
import { sampleFeatures } from '../assessment/features/sample-features.js';
import { anonymousFeatures, PERSONAL_FEATURES } from './anonymous-features.js';

describe('anonymousFeatures', () => {
  it('blanks the device and location details that could single a person out, and keeps every other feature as it was', () => {
    const features = sampleFeatures('high');
    const anonymous = anonymousFeatures(features);
    expect(anonymous.device).toMatchObject({ manufacturer: '', model: '', os_version: '', app_version: '', carrier: '', timezone: '', language: '' });
    expect(anonymous.ip).toMatchObject({ province: '', city: '', isp: '', country: features.ip.country, is_china: features.ip.is_china });
    expect(anonymous.velocity).toEqual(features.velocity);
    expect(anonymous.event).toEqual(features.event);
    expect(anonymous.geo).toEqual(features.geo);
    expect(anonymous.lists).toEqual(features.lists);
    expect(Object.keys(anonymous.device).sort()).toEqual(Object.keys(features.device).sort());
    const { device, ip, ...rest } = anonymous;
    const { device: originalDevice, ip: originalIp, ...originalRest } = features;
    expect(rest).toEqual(originalRest);
    const kept = (namespace: 'device' | 'ip', values: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(values).filter(([key]) => !(PERSONAL_FEATURES[namespace] as readonly string[]).includes(key)));
    expect(kept('device', device)).toEqual(kept('device', originalDevice));
    expect(kept('ip', ip)).toEqual(kept('ip', originalIp));
  });
});
