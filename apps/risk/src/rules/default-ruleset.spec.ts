import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Features } from '../assessment/features/features.js';
import { sampleFeatures } from '../assessment/features/sample-features.js';
import { toRuleBindings } from './cel/cel-environment.js';
import { compileRuleset, runRuleset } from './compiled-ruleset.js';
import { DEFAULT_RULESET } from './default-ruleset.js';

describe('the default ruleset', () => {
  const compilation = compileRuleset(1, DEFAULT_RULESET);

  it('has at least 15 rules that all compile', () => {
    expect(DEFAULT_RULESET.rules.length).toBeGreaterThanOrEqual(15);
    expect(compilation.ok ? [] : compilation.violations).toEqual([]);
  });

  it('gives every rule a unique id, a reason code and a plain-language sentence', () => {
    expect(new Set(DEFAULT_RULESET.rules.map((rule) => rule.id)).size).toBe(DEFAULT_RULESET.rules.length);
    expect(new Set(DEFAULT_RULESET.rules.map((rule) => rule.reasonCode)).size).toBe(DEFAULT_RULESET.rules.length);
    for (const rule of DEFAULT_RULESET.rules) {
      expect(rule.reasonCode).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(rule.description).toMatch(/^[A-Z].{20,}\.$/);
    }
  });

  it('never errs on well-formed features', () => {
    if (!compilation.ok) throw new Error('does not compile');
    const low = runRuleset(compilation.ruleset, toRuleBindings(sampleFeatures('low')));
    const high = runRuleset(compilation.ruleset, toRuleBindings(sampleFeatures('high')));
    expect([...low, ...high].filter((run) => run.result === 'ERROR')).toEqual([]);
  });

  /** For every rule, the situation it is about; on an ordinary event (`low`) none of them hits. */
  const SCENARIOS: Record<string, (f: Features) => void> = {
    device_emulator: (f) => (f.device.emulator = true),
    device_hooked: (f) => (f.device.debugger = true),
    device_rooted: (f) => (f.device.rooted = true),
    cloned_app: (f) => (f.device.cloned_app = true),
    risky_tools_installed: (f) => (f.device.risky_app_categories = ['gps_spoofer']),
    shared_device_1h: (f) => (f.velocity.distinct_subjects_per_device['1h'] = 4),
    shared_device_7d: (f) => (f.velocity.distinct_subjects_per_device['7d'] = 8),
    account_many_devices: (f) => (f.velocity.distinct_devices_per_subject['24h'] = 5),
    card_testing: (f) => (f.velocity.distinct_cards_per_device['1h'] = 3),
    many_cards_7d: (f) => {
      f.event.type = 'BIND_CARD';
      f.velocity.distinct_cards_per_device['7d'] = 5;
    },
    repeated_kyc_failures: (f) => (f.velocity.failed_kyc_per_device['24h'] = 3),
    device_burst: (f) => (f.velocity.events_per_device['5m'] = 20),
    ip_burst: (f) => (f.velocity.events_per_ip['1h'] = 300),
    ip_rotation: (f) => (f.velocity.distinct_ips_per_device['1h'] = 5),
    many_cities: (f) => (f.velocity.distinct_cities_per_subject['24h'] = 3),
    impossible_travel: (f) => (f.geo.impossible_travel = true),
    gps_far_from_ip: (f) => (f.geo.ip_gps_distance_km = 501),
    timezone_mismatch: (f) => (f.geo.timezone_mismatch = true),
    proxy_or_vpn: (f) => (f.device.vpn = true),
    datacenter_ip: (f) => (f.ip.is_datacenter = true),
    foreign_ip_sensitive_step: (f) => {
      f.event.type = 'KYC';
      f.ip.country = 'US';
      f.ip.is_china = false;
    },
    new_device_withdrawal: (f) => {
      f.event.type = 'WITHDRAW';
      f.device.age_hours = 2;
    },
    large_amount_new_device: (f) => {
      f.event.type = 'PAYMENT';
      f.event.amount = 50_000;
      f.device.age_hours = 2;
    },
    device_id_reset: (f) => (f.device.hard_id_changed = true),
    no_device_id: (f) => (f.device.has_hard_id = false),
  };

  it('is documented rule by rule in docs/risk.md', () => {
    const docs = readFileSync(new URL('../../../../docs/risk.md', import.meta.url), 'utf8');
    for (const rule of DEFAULT_RULESET.rules) {
      const cells = [`\`${rule.id}\``, `\`${rule.reasonCode}\``, '[^|\\n]+', String(rule.score), rule.outcome ?? ''];
      expect(docs, rule.id).toMatch(new RegExp(`^\\| ${cells.map((cell) => `${cell} *`).join('\\| ')}\\|$`, 'm'));
    }
  });

  it('has a scenario for every rule', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(DEFAULT_RULESET.rules.map((rule) => rule.id).sort());
  });

  it.each(Object.entries(SCENARIOS))('%s hits in its scenario and only then', (id, scenario) => {
    if (!compilation.ok) throw new Error('does not compile');
    const index = DEFAULT_RULESET.rules.findIndex((rule) => rule.id === id);
    const ordinary = sampleFeatures('low');
    expect(runRuleset(compilation.ruleset, toRuleBindings(ordinary))[index]!.result).toBe('NO_HIT');
    const risky = sampleFeatures('low');
    scenario(risky);
    expect(runRuleset(compilation.ruleset, toRuleBindings(risky))[index]!.result).toBe('HIT');
  });
});
