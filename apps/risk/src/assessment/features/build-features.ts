import { emptyListHits } from '../../lists/list-names.js';
import type { DeviceResolution } from '../device/resolve-device.js';
import { distanceKm, type LatLon } from '../geo/haversine.js';
import type { IpLocation } from '../geo/ip-geolocator.js';
import { chinaHour, utcOffsetMinutes } from '../geo/time-zones.js';
import type { DeviceSignals, GpsFix } from '../signals/device-signals.js';
import { riskyAppCategories } from '../signals/risky-app-catalog.js';
import type { Features } from './features.js';
import type { LocationSource, ObservedHistory } from './observed-history.js';
import type { WindowCounts } from './velocity-windows.js';

export interface FeatureInput {
  at: Date;
  eventType: string;
  amount?: number;
  requestedBy: string;
  signals: DeviceSignals;
  ipLocation: IpLocation;
  gps?: GpsFix;
  device: DeviceResolution;
  hasCard: boolean;
  cityKey: string;
  history: ObservedHistory;
}

/** A GPS fix worse than this is no better than the IP's city. */
const USABLE_GPS_ACCURACY_M = 10_000;
/** Commercial flights cruise near 900 km/h; door to door is slower. */
const IMPOSSIBLE_SPEED_KMH = 800;
/** IP locations are city centroids and mobile carriers exit through provincial gateways: ignore short hops. */
const MIN_TRAVEL_KM: Record<LocationSource, number> = { gps: 100, ip: 500 };

function plusOne(counts: WindowCounts): WindowCounts {
  return { '5m': counts['5m'] + 1, '1h': counts['1h'] + 1, '24h': counts['24h'] + 1, '7d': counts['7d'] + 1 };
}

function plus(counts: WindowCounts, extra: number): WindowCounts {
  return { '5m': counts['5m'] + extra, '1h': counts['1h'] + extra, '24h': counts['24h'] + extra, '7d': counts['7d'] + extra };
}

/** The best location of this event and where it came from. */
export function eventLocation(gps: GpsFix | undefined, ip: IpLocation): (LatLon & { source: LocationSource }) | undefined {
  if (gps && (gps.accuracyM === undefined || gps.accuracyM <= USABLE_GPS_ACCURACY_M)) return { lat: gps.lat, lon: gps.lon, source: 'gps' };
  if (ip.lat !== undefined && ip.lon !== undefined) return { lat: ip.lat, lon: ip.lon, source: 'ip' };
  return undefined;
}

function travel(input: FeatureInput): Pick<Features['geo'], 'travel_distance_km' | 'travel_minutes' | 'travel_speed_kmh' | 'impossible_travel'> {
  const here = eventLocation(input.gps, input.ipLocation);
  const before = input.history.subject.lastLocation;
  if (!here || !before) return { travel_distance_km: -1, travel_minutes: -1, travel_speed_kmh: -1, impossible_travel: false };
  const km = distanceKm(before, here);
  const minutes = Math.max(0, (input.at.getTime() - before.at.getTime()) / 60_000);
  // One minute floor: clocks of two instances differ by milliseconds, not by a flight.
  const speed = km / (Math.max(minutes, 1) / 60);
  const minKm = Math.max(MIN_TRAVEL_KM[here.source], MIN_TRAVEL_KM[before.source]);
  return {
    travel_distance_km: round(km),
    travel_minutes: round(minutes),
    travel_speed_kmh: round(speed),
    impossible_travel: km >= minKm && speed > IMPOSSIBLE_SPEED_KMH,
  };
}

function timezoneMismatch(input: FeatureInput): boolean {
  const deviceZone = input.signals.timezone;
  const ipZone = input.ipLocation.timezone;
  if (!deviceZone || !ipZone || input.ipLocation.isPrivate) return false;
  const a = utcOffsetMinutes(deviceZone, input.at);
  const b = utcOffsetMinutes(ipZone, input.at);
  return a !== undefined && b !== undefined && a !== b;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Turns validated signals and observed history into the features rules see. Pure: backtests depend on it being reproducible. */
export function buildFeatures(input: FeatureInput): Features {
  const { signals, ipLocation: ip, device, history } = input;
  const flags = signals.flags;
  const lists = emptyListHits();
  for (const hit of history.listHits) lists[hit] = true;
  const ipPoint = ip.lat !== undefined && ip.lon !== undefined ? { lat: ip.lat, lon: ip.lon } : undefined;
  return {
    event: {
      type: input.eventType,
      amount: input.amount ?? 0,
      has_amount: input.amount !== undefined,
      hour: chinaHour(input.at),
      requested_by: input.requestedBy,
    },
    device: {
      platform: signals.platform,
      id_kind: device.kind,
      confidence: device.confidence,
      is_new: device.kind === 'new',
      age_hours: device.firstSeenAt ? round(Math.max(0, input.at.getTime() - device.firstSeenAt.getTime()) / 3_600_000) : 0,
      hard_id_changed: device.hardIdChanged,
      has_hard_id: device.kind === 'hard' || device.hardIdChanged || (device.kind === 'new' && device.confidence === 1),
      has_imei: signals.imei !== undefined,
      fingerprint_version: device.fingerprintVersion,
      emulator: flags.emulator === true,
      rooted: flags.rooted === true || flags.jailbroken === true,
      hooked: flags.hooked === true,
      debugger: flags.debugger === true,
      proxy: flags.proxy === true,
      vpn: flags.vpn === true,
      cloned_app: flags.clonedApp === true,
      risky_app_count: signals.riskyApps.length,
      risky_app_categories: riskyAppCategories(signals.riskyApps),
      manufacturer: signals.manufacturer ?? '',
      model: signals.model ?? '',
      os_version: signals.osVersion ?? '',
      app_version: signals.appVersion ?? '',
      network_type: signals.networkType ?? '',
      carrier: signals.carrier ?? '',
      timezone: signals.timezone ?? '',
      language: signals.language ?? '',
    },
    ip: {
      country: ip.countryCode,
      province: ip.province,
      city: ip.city,
      isp: ip.isp,
      is_china: ip.countryCode === 'CN',
      is_private: ip.isPrivate,
      is_datacenter: ip.isDatacenter,
      has_location: ipPoint !== undefined,
    },
    geo: {
      has_gps: input.gps !== undefined,
      gps_accuracy_m: input.gps?.accuracyM ?? -1,
      ip_gps_distance_km: input.gps && ipPoint ? round(distanceKm(input.gps, ipPoint)) : -1,
      timezone_mismatch: timezoneMismatch(input),
      ...travel(input),
    },
    velocity: {
      distinct_subjects_per_device: plusOne(history.device.otherSubjects),
      distinct_devices_per_subject: plusOne(history.subject.otherDevices),
      distinct_cards_per_device: plus(history.device.otherCards, input.hasCard ? 1 : 0),
      distinct_ips_per_device: plusOne(history.device.otherIps),
      events_per_device: plusOne(history.device.events),
      events_per_ip: plusOne(history.ip.events),
      // The outcome of this event's own check is not known yet.
      failed_kyc_per_device: { ...history.device.failedKyc },
      distinct_cities_per_subject: plus(history.subject.otherCities, input.cityKey ? 1 : 0),
    },
    lists,
  };
}
