import type { ListName } from '../../lists/list-names.js';
import type { VelocityFeature, WindowCounts } from './velocity-windows.js';

/**
 * Everything rules can see about one event. Stored with the decision (it
 * holds no personal data: no identifiers, no precise location) so that a
 * backtest replays exactly what the live rules saw.
 */
export interface Features {
  event: {
    type: string;
    amount: number;
    has_amount: boolean;
    /** Hour of day in China time. */
    hour: number;
    requested_by: string;
  };
  device: {
    platform: string;
    id_kind: string;
    confidence: number;
    is_new: boolean;
    age_hours: number;
    hard_id_changed: boolean;
    has_hard_id: boolean;
    has_imei: boolean;
    fingerprint_version: string;
    emulator: boolean;
    rooted: boolean;
    hooked: boolean;
    debugger: boolean;
    proxy: boolean;
    vpn: boolean;
    cloned_app: boolean;
    risky_app_count: number;
    risky_app_categories: string[];
    manufacturer: string;
    model: string;
    os_version: string;
    app_version: string;
    network_type: string;
    carrier: string;
    timezone: string;
    language: string;
  };
  ip: {
    country: string;
    province: string;
    city: string;
    isp: string;
    is_china: boolean;
    is_private: boolean;
    is_datacenter: boolean;
    has_location: boolean;
  };
  geo: {
    has_gps: boolean;
    gps_accuracy_m: number;
    ip_gps_distance_km: number;
    timezone_mismatch: boolean;
    travel_distance_km: number;
    travel_minutes: number;
    travel_speed_kmh: number;
    impossible_travel: boolean;
  };
  velocity: Record<VelocityFeature, WindowCounts>;
  lists: Record<ListName, boolean>;
}

export type FeatureNamespace = keyof Features;
