import type { Reason } from '../rules/decide.js';
import type { Outcome } from '../shared/outcome.js';
import type { DeviceResolution, KnownKey } from './device/resolve-device.js';
import type { Features } from './features/features.js';
import type { LocationSource, ObservedHistory } from './features/observed-history.js';

/** One ruleset's result as stored. */
export interface StoredVerdict {
  version: number;
  score: number;
  outcome: Outcome;
  reasons: Reason[];
  hitRules: string[];
  ruleOutcomes: string;
  ruleErrors: Record<string, string> | undefined;
}

/** Everything one assessment writes: the decision, its velocity event and any new device keys. */
export interface NewDecision {
  id: string;
  occurredAt: Date;
  eventType: string;
  subjectId: string;
  merchantId: string | undefined;
  requestedBy: string;
  device: DeviceResolution;
  ip: string;
  cityKey: string;
  cardBidx: string | undefined;
  idNumberBidx: string | undefined;
  phoneBidx: string | undefined;
  location: { lat: number; lon: number; source: LocationSource } | undefined;
  live: StoredVerdict;
  shadow: StoredVerdict | undefined;
  features: Features;
  signals: Record<string, unknown>;
  sealedSnapshot: Buffer;
}

/**
 * One assessment as the ledger runs it: the ledger does the I/O (key lookup,
 * locks, history, the write), the two callbacks hold the domain logic.
 */
export interface AssessmentWork {
  occurredAt: Date;
  subjectId: string;
  ip: string;
  cardBidx: string | undefined;
  idNumberBidx: string | undefined;
  cityKey: string;
  /** Device key hashes to look up. */
  keyHashes: string[];
  resolveDevice(known: ReadonlyMap<string, KnownKey>): DeviceResolution;
  complete(device: DeviceResolution, history: ObservedHistory): NewDecision;
}

/**
 * Port: records assessments. `record` resolves once the decision is durably
 * committed. History is read under per-device and per-subject locks, so
 * concurrent events on the same device or account, on any instance, each see
 * all the ones before them.
 */
export abstract class AssessmentLedger {
  abstract record(work: AssessmentWork): Promise<NewDecision>;
}
