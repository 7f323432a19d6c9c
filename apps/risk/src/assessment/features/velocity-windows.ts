/** The Smart Signals windows. Keys are what rules index with: `velocity.events_per_device['5m']`. */
export const VELOCITY_WINDOWS = [
  { key: '5m', ms: 5 * 60_000, label: 'five minutes' },
  { key: '1h', ms: 3_600_000, label: 'hour' },
  { key: '24h', ms: 86_400_000, label: '24 hours' },
  { key: '7d', ms: 7 * 86_400_000, label: 'seven days' },
] as const;

export type WindowKey = (typeof VELOCITY_WINDOWS)[number]['key'];
export const WINDOW_KEYS: readonly WindowKey[] = VELOCITY_WINDOWS.map((window) => window.key);
export const LONGEST_WINDOW_MS = VELOCITY_WINDOWS.at(-1)!.ms;

/** A count per window. */
export type WindowCounts = Record<WindowKey, number>;

export function zeroCounts(): WindowCounts {
  return { '5m': 0, '1h': 0, '24h': 0, '7d': 0 };
}

/**
 * Velocity features, in the shape of Fingerprint's Smart Signals `velocity`
 * (a count per feature per interval). Each count includes the event being
 * assessed, as Fingerprint's do.
 */
export const VELOCITY_FEATURES = {
  distinct_subjects_per_device: 'distinct accounts seen on this device',
  distinct_devices_per_subject: 'distinct devices this account used',
  distinct_cards_per_device: 'distinct bank cards used on this device',
  distinct_ips_per_device: 'distinct IP addresses this device used',
  events_per_device: 'events from this device',
  events_per_ip: 'events from this IP address',
  failed_kyc_per_device: 'failed real-name checks on this device',
  distinct_cities_per_subject: 'distinct cities (by IP) this account appeared in',
} as const;

export type VelocityFeature = keyof typeof VELOCITY_FEATURES;
export const VELOCITY_FEATURE_NAMES = Object.keys(VELOCITY_FEATURES) as VelocityFeature[];
