import { maskWithRule, type PiiVault } from '#libs/pii';
import type { MaskedSnapshot } from '#contracts/risk';
import type { GpsFix } from './signals/device-signals.js';

/**
 * The personal part of an assessment's input: device identifiers (personal
 * information under PIPL), precise GPS (sensitive: whereabouts), the ID
 * number, card and phone, the installed risky apps, and unknown extra
 * signals (which may hold anything). Stored only as one AES-256-GCM
 * ciphertext bound to this table and column; IPs stay in clear (velocity,
 * IP lists and analysts need them).
 */
export interface SensitiveSnapshot {
  appInstanceId?: string;
  oaid?: string;
  idfv?: string;
  androidId?: string;
  imei?: string;
  gps?: GpsFix;
  idNumber?: string;
  cardNumber?: string;
  phone?: string;
  riskyApps: string[];
  extra: Record<string, string>;
}

const CONTEXT = { table: 'risk.decisions', column: 'sensitive_snapshot' };
const DEVICE_ID_MASK = { keepStart: 4, keepEnd: 2, maskChar: '*' };

export function sealSnapshot(vault: PiiVault, snapshot: SensitiveSnapshot): Buffer {
  return vault.encryptString(JSON.stringify(snapshot), CONTEXT);
}

export function unsealSnapshot(vault: PiiVault, sealed: Uint8Array): SensitiveSnapshot {
  return JSON.parse(vault.decryptString(sealed, CONTEXT)) as SensitiveSnapshot;
}

/** Staff see masked values only (JR/T 0171); GPS is rounded to about 1 km. */
export function maskSnapshot(vault: PiiVault, snapshot: SensitiveSnapshot): MaskedSnapshot {
  const device = (value: string | undefined): string | undefined => (value ? maskWithRule(value, DEVICE_ID_MASK) : undefined);
  return {
    idNumber: snapshot.idNumber ? vault.mask('id_number', snapshot.idNumber) : undefined,
    cardNumber: snapshot.cardNumber ? vault.mask('bank_card', snapshot.cardNumber) : undefined,
    phone: snapshot.phone ? vault.mask('mobile', snapshot.phone) : undefined,
    appInstanceId: device(snapshot.appInstanceId),
    oaid: device(snapshot.oaid),
    idfv: device(snapshot.idfv),
    androidId: device(snapshot.androidId),
    imei: device(snapshot.imei),
    gps: snapshot.gps ? `${snapshot.gps.lat.toFixed(2)},${snapshot.gps.lon.toFixed(2)}` : undefined,
  };
}
