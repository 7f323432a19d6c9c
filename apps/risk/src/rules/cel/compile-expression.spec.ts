import { describe, expect, it } from 'vitest';
import { sampleFeatures } from '../../assessment/features/sample-features.js';
import { toRuleBindings } from './cel-environment.js';
import { compileExpression } from './compile-expression.js';

function problem(source: string): string | undefined {
  const result = compileExpression(source);
  return result.ok ? undefined : result.problem.code;
}

describe('compileExpression', () => {
  it.each([
    'device.emulator',
    "velocity.distinct_subjects_per_device['1h'] >= 4 && device.confidence >= 0.6",
    "event.type in ['KYC', 'BIND_CARD'] && event.amount >= 50000.0",
    "device.risky_app_categories.exists(c, c in ['gps_spoofer', 'automation'])",
    "ip.isp.contains('阿里云') || ip.country != 'CN'",
    'geo.ip_gps_distance_km > 500',
    'has(device.emulator) && lists.device_block',
    '[1, 2].all(a, [3, 4].exists(b, a < b))',
    "size(device.risky_app_categories) > 1 || {'a': 1}['a'] == 1",
  ])('accepts %s', (source) => {
    expect(problem(source)).toBeUndefined();
  });

  it.each([
    ['device.emulator &&', 'CEL_SYNTAX'],
    ['emulator', 'CEL_UNKNOWN_NAME'],
    ['device.is_emulator', 'CEL_UNKNOWN_NAME'],
    ['velocity.no_such_feature["1h"] > 1', 'CEL_UNKNOWN_NAME'],
    ["velocity.events_per_device['2h'] > 1", 'CEL_UNKNOWN_NAME'],
    ['velocity.events_per_device.h1 > 1', 'CEL_UNKNOWN_NAME'],
    ['lowerAscii(device.model) == "x"', 'CEL_UNKNOWN_FUNCTION'],
    ["device.risky_app_categories.exists(c, c == 'x') && c == 'y'", 'CEL_UNKNOWN_NAME'],
    ['device.risky_app_count + 1', 'CEL_NOT_BOOLEAN'],
    ['device.platform > 3', 'CEL_TYPE'],
    ['device.emulator + 1 > 0', 'CEL_TYPE'],
    ['google.protobuf.Duration{seconds: 1} == 1', 'CEL_UNKNOWN_NAME'],
    ['[1, 2].all(a, [1, 2].all(b, [1, 2].all(c, a + b + c > 0)))', 'CEL_TOO_COMPLEX'],
    [`${'('.repeat(100)}device.emulator${')'.repeat(100)} &&`, 'CEL_SYNTAX'],
  ])('refuses %s (%s)', (source, code) => {
    expect(problem(source)).toBe(code);
  });

  it('returns run-time failures as the rule error instead of throwing', () => {
    const compiled = compileExpression("1 / (velocity.events_per_device['5m'] - velocity.events_per_device['5m']) > 0");
    if (!compiled.ok) throw new Error(compiled.problem.message);
    expect(compiled.expression.run(toRuleBindings(sampleFeatures('high')))).toEqual({ result: 'ERROR', error: expect.stringContaining('divide by zero') });
  });

  it('lists the features an expression reads, for explanations', () => {
    const compiled = compileExpression("velocity.events_per_device['5m'] >= 20 && device.emulator && device.emulator");
    if (!compiled.ok) throw new Error(compiled.problem.message);
    expect(compiled.expression.references).toEqual([
      { namespace: 'velocity', field: 'events_per_device', window: '5m' },
      { namespace: 'device', field: 'emulator' },
    ]);
  });

  it('hits and misses on real values', () => {
    const compiled = compileExpression("velocity.distinct_subjects_per_device['1h'] >= 4");
    if (!compiled.ok) throw new Error(compiled.problem.message);
    const features = sampleFeatures('low');
    expect(compiled.expression.run(toRuleBindings(features)).result).toBe('NO_HIT');
    features.velocity.distinct_subjects_per_device['1h'] = 4;
    expect(compiled.expression.run(toRuleBindings(features)).result).toBe('HIT');
  });
});
