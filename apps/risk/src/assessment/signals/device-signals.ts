export const PLATFORMS = ['android', 'ios', 'harmony', 'web'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const NETWORK_TYPES = ['wifi', '5g', '4g', '3g', '2g', 'ethernet', 'none', 'unknown'] as const;

/** Integrity flags the SDK reports; unset means "not reported", which rules treat as false. */
export interface DeviceFlags {
  emulator?: boolean;
  rooted?: boolean;
  jailbroken?: boolean;
  hooked?: boolean;
  debugger?: boolean;
  proxy?: boolean;
  vpn?: boolean;
  clonedApp?: boolean;
}

/** The device part of an assessment, validated. */
export interface DeviceSignals {
  platform: Platform;
  appInstanceId?: string;
  oaid?: string;
  idfv?: string;
  androidId?: string;
  imei?: string;
  manufacturer?: string;
  model?: string;
  osVersion?: string;
  appVersion?: string;
  screen?: { width: number; height: number; density?: number };
  carrier?: string;
  networkType?: string;
  timezone?: string;
  language?: string;
  flags: DeviceFlags;
  riskyApps: string[];
  /** Signals this version does not know: kept (encrypted) in the snapshot, never used by rules. */
  extra: Record<string, string>;
}

export interface GpsFix {
  lat: number;
  lon: number;
  accuracyM?: number;
}
