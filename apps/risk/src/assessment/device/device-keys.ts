import type { DeviceSignals } from '../signals/device-signals.js';
import { isZeroIdentifier } from '../signals/signal-formats.js';
import { FINGERPRINT_ALGORITHMS, type FingerprintAlgorithm } from './fingerprint.js';

/** Keyed one-way hash (HMAC) of identifier material: the tables never hold a raw OAID or Android ID. */
export type KeyHasher = (material: string) => string;

export type HardKeyKind = 'aiid' | 'oaid' | 'idfv';

export interface HardKey {
  kind: HardKeyKind;
  hash: string;
}

export interface FingerprintKey {
  version: string;
  hash: string;
  confidence: number;
}

export interface DeviceKeys {
  /** In priority order: the app-instance id, then the OS advertising/vendor id. */
  hard: HardKey[];
  /** One per known algorithm, current first. */
  fingerprints: FingerprintKey[];
}

export function deriveDeviceKeys(signals: DeviceSignals, hash: KeyHasher, algorithms: readonly FingerprintAlgorithm[] = FINGERPRINT_ALGORITHMS): DeviceKeys {
  const hard: HardKey[] = [];
  const add = (kind: HardKeyKind, value: string | undefined): void => {
    if (value && !isZeroIdentifier(value)) hard.push({ kind, hash: hash(`hard:${kind}:${value.toLowerCase()}`) });
  };
  add('aiid', signals.appInstanceId);
  add('oaid', signals.oaid);
  add('idfv', signals.idfv);
  const fingerprints = algorithms.flatMap((algorithm) => {
    const computed = algorithm.compute(signals);
    return computed ? [{ version: algorithm.version, hash: hash(`fp:${algorithm.version}:${computed.material}`), confidence: computed.confidence }] : [];
  });
  return { hard, fingerprints };
}

export function lookupHashes(keys: DeviceKeys): string[] {
  return [...keys.hard.map((key) => key.hash), ...keys.fingerprints.map((key) => key.hash)];
}
