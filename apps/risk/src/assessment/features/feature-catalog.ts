import type { FeatureNamespace } from './features.js';
import { VELOCITY_FEATURES, WINDOW_KEYS } from './velocity-windows.js';

export type FeatureType = 'int' | 'double' | 'bool' | 'string' | 'list';

export interface FeatureSpec {
  type: FeatureType;
  description: string;
}

type ScalarNamespace = Exclude<FeatureNamespace, 'velocity'>;

/**
 * The vocabulary of rules: every name a CEL expression may use, its type and
 * its meaning. Draft validation refuses any other name, explanations and
 * docs/risk.md use the descriptions, and a unit test keeps it in step with
 * the Features type.
 */
export const FEATURE_CATALOG: Record<ScalarNamespace, Record<string, FeatureSpec>> = {
  event: {
    type: { type: 'string', description: 'event type' },
    amount: { type: 'double', description: 'amount in yuan (0 when not given)' },
    has_amount: { type: 'bool', description: 'whether an amount was given' },
    hour: { type: 'int', description: 'hour of day, China time' },
    requested_by: { type: 'string', description: 'who asked: user, merchant or service' },
  },
  device: {
    platform: { type: 'string', description: 'platform' },
    id_kind: { type: 'string', description: 'how the device was recognised (hard, fingerprint, new)' },
    confidence: { type: 'double', description: 'confidence in the device identity' },
    is_new: { type: 'bool', description: 'whether the device was seen for the first time' },
    age_hours: { type: 'double', description: 'hours since the device was first seen' },
    hard_id_changed: { type: 'bool', description: 'whether the app was reinstalled or its advertising id reset' },
    has_hard_id: { type: 'bool', description: 'whether the app reported a device identifier' },
    has_imei: { type: 'bool', description: 'whether an IMEI was reported' },
    fingerprint_version: { type: 'string', description: 'fingerprint algorithm version' },
    emulator: { type: 'bool', description: 'running in an emulator' },
    rooted: { type: 'bool', description: 'rooted or jailbroken' },
    hooked: { type: 'bool', description: 'a hooking framework (Frida, Xposed) is attached' },
    debugger: { type: 'bool', description: 'a debugger is attached' },
    proxy: { type: 'bool', description: 'traffic goes through a proxy' },
    vpn: { type: 'bool', description: 'a VPN is active' },
    cloned_app: { type: 'bool', description: 'the app runs inside an app cloner' },
    risky_app_count: { type: 'int', description: 'number of risky apps installed' },
    risky_app_categories: { type: 'list', description: 'categories of the risky apps installed' },
    manufacturer: { type: 'string', description: 'manufacturer' },
    model: { type: 'string', description: 'model' },
    os_version: { type: 'string', description: 'OS version' },
    app_version: { type: 'string', description: 'app version' },
    network_type: { type: 'string', description: 'network type' },
    carrier: { type: 'string', description: 'carrier' },
    timezone: { type: 'string', description: 'device time zone' },
    language: { type: 'string', description: 'device language' },
  },
  ip: {
    country: { type: 'string', description: 'IP country (ISO code)' },
    province: { type: 'string', description: 'IP province' },
    city: { type: 'string', description: 'IP city' },
    isp: { type: 'string', description: 'IP network operator' },
    is_china: { type: 'bool', description: 'whether the IP is in mainland China' },
    is_private: { type: 'bool', description: 'whether the IP is a private or loopback address' },
    is_datacenter: { type: 'bool', description: 'whether the IP belongs to a cloud or hosting provider' },
    has_location: { type: 'bool', description: 'whether the IP location is known to the city' },
  },
  geo: {
    has_gps: { type: 'bool', description: 'whether GPS was given' },
    gps_accuracy_m: { type: 'double', description: 'GPS accuracy in metres (-1 when unknown)' },
    ip_gps_distance_km: { type: 'double', description: 'distance between GPS and IP location in km (-1 when unknown)' },
    timezone_mismatch: { type: 'bool', description: "whether the device's time zone differs from the IP's" },
    travel_distance_km: { type: 'double', description: "km from the account's previous located event (-1 when none)" },
    travel_minutes: { type: 'double', description: 'minutes since that event (-1 when none)' },
    travel_speed_kmh: { type: 'double', description: 'speed needed to travel between them (-1 when none)' },
    impossible_travel: { type: 'bool', description: 'whether that speed is faster than a plane' },
  },
  lists: {
    device_block: { type: 'bool', description: 'device on the block list' },
    ip_block: { type: 'bool', description: 'IP on the block list' },
    id_block: { type: 'bool', description: 'ID number on the block list' },
    card_block: { type: 'bool', description: 'card on the block list' },
    device_allow: { type: 'bool', description: 'device on the allow list' },
  },
};

export const FEATURE_NAMESPACES: readonly FeatureNamespace[] = ['event', 'device', 'ip', 'geo', 'velocity', 'lists'];

export function isVelocityFeature(name: string): name is keyof typeof VELOCITY_FEATURES {
  return Object.hasOwn(VELOCITY_FEATURES, name);
}

export function isWindowKey(key: string): boolean {
  return (WINDOW_KEYS as readonly string[]).includes(key);
}

/** Plain-language name of a feature path, for explanations: `velocity.events_per_device['5m']` → "events from this device (5m)". */
export function describeFeature(namespace: string, field: string, window?: string): string {
  if (namespace === 'velocity' && isVelocityFeature(field)) return `${VELOCITY_FEATURES[field]}${window ? ` (${window})` : ''}`;
  const spec = (FEATURE_CATALOG as Record<string, Record<string, FeatureSpec> | undefined>)[namespace]?.[field];
  return spec?.description ?? `${namespace}.${field}`;
}
