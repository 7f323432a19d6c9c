import type { Features } from './features.js';
import { VELOCITY_FEATURE_NAMES, type WindowCounts } from './velocity-windows.js';

/**
 * Two extreme feature sets: every flag on and counts high, and everything
 * off. Draft validation runs each new rule on both to catch type errors
 * (`device.platform > 3`) that CEL only reports at evaluation.
 */
export function sampleFeatures(variant: 'high' | 'low'): Features {
  const high = variant === 'high';
  const n = high ? 1000 : 0;
  const text = high ? 'x' : '';
  const counts = (): WindowCounts => ({ '5m': n, '1h': n, '24h': n, '7d': n });
  const velocity = Object.fromEntries(VELOCITY_FEATURE_NAMES.map((name) => [name, counts()])) as Features['velocity'];
  return {
    event: { type: high ? 'WITHDRAW' : 'LOGIN', amount: high ? 100_000 : 0, has_amount: high, hour: high ? 3 : 12, requested_by: 'user' },
    device: {
      platform: 'android',
      id_kind: high ? 'new' : 'hard',
      confidence: high ? 0.3 : 1,
      is_new: high,
      age_hours: high ? 0 : 5000,
      hard_id_changed: high,
      has_hard_id: !high,
      has_imei: high,
      fingerprint_version: 'fp1',
      emulator: high,
      rooted: high,
      hooked: high,
      debugger: high,
      proxy: high,
      vpn: high,
      cloned_app: high,
      risky_app_count: n,
      risky_app_categories: high ? ['root_tool', 'gps_spoofer'] : [],
      manufacturer: text,
      model: text,
      os_version: text,
      app_version: text,
      network_type: text,
      carrier: text,
      timezone: text,
      language: text,
    },
    ip: { country: high ? 'US' : 'CN', province: text, city: text, isp: text, is_china: !high, is_private: high, is_datacenter: high, has_location: high },
    geo: {
      has_gps: high,
      gps_accuracy_m: high ? 5000 : -1,
      ip_gps_distance_km: high ? 3000 : -1,
      timezone_mismatch: high,
      travel_distance_km: high ? 3000 : -1,
      travel_minutes: high ? 5 : -1,
      travel_speed_kmh: high ? 36_000 : -1,
      impossible_travel: high,
    },
    velocity,
    lists: { device_block: high, ip_block: high, id_block: high, card_block: high, device_allow: high },
  };
}
