import type { DeviceSignals } from '../signals/device-signals.js';

/** What a fingerprint algorithm derives from the stable attributes of a device. */
export interface FingerprintMaterial {
  /** Canonical text of the attributes used; hashed with a key before it is stored. */
  material: string;
  /** 0..1: how likely two devices with this material are the same device. */
  confidence: number;
}

export interface FingerprintAlgorithm {
  /** Stored with every device id and fingerprint key; never reused for another algorithm. */
  version: string;
  compute(signals: DeviceSignals): FingerprintMaterial | undefined;
}

/**
 * Weights are rough entropy shares: the Android ID (64 random bits per app
 * signing key since Android 8) dominates; model, screen and locale only
 * narrow a population of identical phones, so without it a fingerprint stays
 * below the linking threshold and never merges two owners' phones.
 */
const V1_WEIGHTS = { platform: 0.02, manufacturer: 0.03, model: 0.08, screen: 0.08, density: 0.03, timezone: 0.03, language: 0.03, androidId: 0.65 } as const;

/** Version 1: attributes that survive an app reinstall or an OAID reset, but not an OS update's version bump. */
export const FINGERPRINT_V1: FingerprintAlgorithm = {
  version: 'fp1',
  compute(signals) {
    const parts: Array<[keyof typeof V1_WEIGHTS, string | undefined]> = [
      ['platform', signals.platform],
      ['manufacturer', signals.manufacturer?.trim().toLowerCase()],
      ['model', signals.model?.trim().toLowerCase()],
      [
        'screen',
        signals.screen ? `${Math.min(signals.screen.width, signals.screen.height)}x${Math.max(signals.screen.width, signals.screen.height)}` : undefined,
      ],
      ['density', signals.screen?.density !== undefined ? signals.screen.density.toFixed(2) : undefined],
      ['timezone', signals.timezone],
      ['language', signals.language?.toLowerCase().replace('_', '-')],
      ['androidId', signals.androidId?.toLowerCase()],
    ];
    const present = parts.filter((part): part is [keyof typeof V1_WEIGHTS, string] => part[1] !== undefined && part[1] !== '');
    // Platform alone says nothing about the device.
    if (present.length < 2) return undefined;
    const confidence = present.reduce((sum, [name]) => sum + V1_WEIGHTS[name], 0);
    return { material: present.map(([name, value]) => `${name}=${value}`).join('|'), confidence: Math.round(Math.min(confidence, 0.95) * 100) / 100 };
  },
};

/**
 * Every algorithm still recognised, current first. A new algorithm is added
 * in front, and old ones stay for matching: a device seen under `fp1` is
 * found by its `fp1` key and then also registered under the new version, so
 * continuity survives the change.
 */
export const FINGERPRINT_ALGORITHMS: readonly FingerprintAlgorithm[] = [FINGERPRINT_V1];
