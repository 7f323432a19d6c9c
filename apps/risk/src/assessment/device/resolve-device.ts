import type { DeviceKeys } from './device-keys.js';

/** A stored key → device mapping found for one of the presented keys. */
export interface KnownKey {
  deviceId: string;
  firstSeenAt: Date;
}

export type DeviceIdKind = 'hard' | 'fingerprint' | 'new';

export interface DeviceResolution {
  deviceId: string;
  kind: DeviceIdKind;
  confidence: number;
  /** The fingerprint algorithm current when this event was seen. */
  fingerprintVersion: string;
  /** Hard ids were presented but none was known, and the fingerprint found the device: a reinstall or an id reset. */
  hardIdChanged: boolean;
  firstSeenAt: Date | undefined;
  /** Keys to register for the device (hash → kind), so the next event finds it directly. */
  newKeys: Array<{ hash: string; kind: string }>;
}

/** Below this, a fingerprint match is too likely to be another phone of the same model to carry an identity over. */
export const FINGERPRINT_LINK_THRESHOLD = 0.6;

const DEVICE_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Device ids are derived from the first key ever seen, so two instances that
 * meet a new device at the same moment name it identically. Base32, so an id
 * never contains a long digit run that could pass for a card number.
 */
export function deviceIdFrom(hash: string): string {
  const bytes = Buffer.from(hash.slice(0, 30), 'hex');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += DEVICE_ID_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `dv_${out.slice(0, 24)}`;
}

/**
 * A hard id (app-instance id, OAID, IDFV) wins when it is known. Otherwise,
 * or when the hard ids changed, the fuzzy fingerprint links the event to a
 * known device if it is confident enough. Every key the event presented that
 * is new gets registered, so the next event matches by hard id again.
 */
export function resolveDevice(keys: DeviceKeys, known: ReadonlyMap<string, KnownKey>, currentFingerprintVersion: string): DeviceResolution {
  const currentFingerprint = keys.fingerprints.find((key) => key.version === currentFingerprintVersion);
  const hardMatch = keys.hard.map((key) => known.get(key.hash)).find((match) => match !== undefined);
  const fingerprintMatch = keys.fingerprints.map((key) => ({ key, match: known.get(key.hash) })).find((candidate) => candidate.match !== undefined);

  let deviceId: string;
  let kind: DeviceIdKind;
  let confidence: number;
  let firstSeenAt: Date | undefined;
  let hardIdChanged = false;
  if (hardMatch) {
    ({ deviceId, firstSeenAt } = hardMatch);
    kind = 'hard';
    confidence = 1;
  } else if (fingerprintMatch?.match && (keys.hard.length === 0 || fingerprintMatch.key.confidence >= FINGERPRINT_LINK_THRESHOLD)) {
    ({ deviceId, firstSeenAt } = fingerprintMatch.match);
    kind = 'fingerprint';
    confidence = fingerprintMatch.key.confidence;
    hardIdChanged = keys.hard.length > 0;
  } else {
    const seed = keys.hard[0]?.hash ?? currentFingerprint?.hash ?? keys.fingerprints[0]?.hash;
    if (!seed) throw new Error('A device needs a hard id or a fingerprint; validation guarantees one');
    deviceId = deviceIdFrom(seed);
    kind = 'new';
    confidence = keys.hard.length > 0 ? 1 : (currentFingerprint?.confidence ?? 0);
    firstSeenAt = undefined;
  }

  const newKeys = [
    ...keys.hard.filter((key) => !known.has(key.hash)).map((key) => ({ hash: key.hash, kind: key.kind })),
    ...keys.fingerprints.filter((key) => !known.has(key.hash)).map((key) => ({ hash: key.hash, kind: key.version })),
  ];
  return { deviceId, kind, confidence, fingerprintVersion: currentFingerprintVersion, hardIdChanged, firstSeenAt, newKeys };
}
