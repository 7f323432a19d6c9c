import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { normaliseBankCard, normaliseIdNumber, normaliseMobile, PiiVault } from '#libs/pii';
import { ActiveRulesets, type ActiveSet } from '../../rules/active-rulesets.js';
import { toRuleBindings } from '../../rules/cel/cel-environment.js';
import { runRuleset, type CompiledRuleset } from '../../rules/compiled-ruleset.js';
import { decide } from '../../rules/decide.js';
import { encodeRuns } from '../../rules/rule-runs-codec.js';
import { requesterKindOf, type Caller } from '../../shared/caller.js';
import { Clock } from '../../shared/clock.js';
import { uuidV7 } from '../../shared/uuid-v7.js';
import { AssessmentLedger, type NewDecision, type StoredVerdict } from '../assessment-ledger.js';
import { deriveDeviceKeys, lookupHashes } from '../device/device-keys.js';
import { FINGERPRINT_ALGORITHMS } from '../device/fingerprint.js';
import { resolveDevice } from '../device/resolve-device.js';
import { buildFeatures, eventLocation } from '../features/build-features.js';
import type { Features } from '../features/features.js';
import { coarse } from '../geo/haversine.js';
import { cityKeyOf, IpGeolocator } from '../geo/ip-geolocator.js';
import { sealSnapshot } from '../sensitive-snapshot.js';
import type { DeviceSignals, GpsFix } from '../signals/device-signals.js';

export interface AssessInput {
  eventType: string;
  subjectId: string;
  device: DeviceSignals;
  ip: string;
  gps?: GpsFix;
  amount?: number;
  cardNumber?: string;
  idNumber?: string;
  phone?: string;
}

function verdictOf(ruleset: CompiledRuleset, features: Features, bindings: ReturnType<typeof toRuleBindings>): StoredVerdict {
  const runs = runRuleset(ruleset, bindings);
  const verdict = decide(ruleset.document, runs, features.lists);
  const encoded = encodeRuns(ruleset.document.rules, runs);
  return {
    version: ruleset.version,
    score: verdict.score,
    outcome: verdict.outcome,
    reasons: verdict.reasons,
    hitRules: verdict.hitRules,
    ruleOutcomes: encoded.outcomes,
    ruleErrors: encoded.errors,
  };
}

/** Non-personal signals, kept in clear with the decision for analysts and backtests. */
function plainSignals(input: AssessInput): Record<string, unknown> {
  const { device } = input;
  return {
    platform: device.platform,
    manufacturer: device.manufacturer,
    model: device.model,
    os_version: device.osVersion,
    app_version: device.appVersion,
    screen: device.screen,
    carrier: device.carrier,
    network_type: device.networkType,
    timezone: device.timezone,
    language: device.language,
    flags: device.flags,
    risky_app_count: device.riskyApps.length,
    extra_signal_names: Object.keys(device.extra),
    ip: input.ip,
    amount: input.amount,
    has_gps: input.gps !== undefined,
  };
}

/**
 * Scores one event: derives the device keys and IP location here, then lets
 * the ledger resolve the device, read its history under lock, and store the
 * decision before this resolves. Rules run with the live version and, when
 * one is set, the shadow version (stored, never enforced).
 */
@Injectable()
export class AssessUseCase {
  constructor(
    private readonly ledger: AssessmentLedger,
    private readonly rulesets: ActiveRulesets,
    private readonly geolocator: IpGeolocator,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, input: AssessInput): Promise<NewDecision> {
    const requestedBy = requesterKindOf(caller);
    if (requestedBy === 'user' && caller.subjectId !== input.subjectId) {
      throw new DomainError('SUBJECT_MISMATCH', 'A user may only be assessed on their own behalf');
    }
    const keys = deriveDeviceKeys(input.device, (material) => this.vault.blindIndex('generic', material));
    if (keys.hard.length === 0 && keys.fingerprints.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'The device cannot be identified', [
        { field: 'device', code: 'DEVICE_UNIDENTIFIABLE', message: 'device needs an app_instance_id, oaid, idfv or at least two stable attributes' },
      ]);
    }
    const active: ActiveSet = this.rulesets.current();
    const ipLocation = this.geolocator.locate(input.ip);
    const cityKey = cityKeyOf(ipLocation);
    const card = input.cardNumber ? normaliseBankCard(input.cardNumber) : undefined;
    const idNumber = input.idNumber ? normaliseIdNumber(input.idNumber) : undefined;
    const phone = input.phone ? normaliseMobile(input.phone) : undefined;
    const cardBidx = card ? this.vault.blindIndex('bank_card', card) : undefined;
    const idNumberBidx = idNumber ? this.vault.blindIndex('id_number', idNumber) : undefined;
    const occurredAt = this.clock.now();
    const id = uuidV7(occurredAt);
    const { device } = input;
    const sealedSnapshot = sealSnapshot(this.vault, {
      appInstanceId: device.appInstanceId,
      oaid: device.oaid,
      idfv: device.idfv,
      androidId: device.androidId,
      imei: device.imei,
      gps: input.gps,
      idNumber,
      cardNumber: card,
      phone,
      riskyApps: device.riskyApps,
      extra: device.extra,
    });
    const located = eventLocation(input.gps, ipLocation);

    return this.ledger.record({
      occurredAt,
      subjectId: input.subjectId,
      ip: input.ip,
      cardBidx,
      idNumberBidx,
      cityKey,
      keyHashes: lookupHashes(keys),
      resolveDevice: (known) => resolveDevice(keys, known, FINGERPRINT_ALGORITHMS[0]!.version),
      complete: (resolution, history) => {
        const features = buildFeatures({
          at: occurredAt,
          eventType: input.eventType,
          amount: input.amount,
          requestedBy,
          signals: device,
          ipLocation,
          gps: input.gps,
          device: resolution,
          hasCard: cardBidx !== undefined,
          cityKey,
          history,
        });
        const bindings = toRuleBindings(features);
        return {
          id,
          occurredAt,
          eventType: input.eventType,
          subjectId: input.subjectId,
          merchantId: caller.merchantId,
          requestedBy,
          device: resolution,
          ip: input.ip,
          cityKey,
          cardBidx,
          idNumberBidx,
          phoneBidx: phone ? this.vault.blindIndex('mobile', phone) : undefined,
          location: located ? { ...coarse(located), source: located.source } : undefined,
          live: verdictOf(active.live, features, bindings),
          shadow: active.shadow ? verdictOf(active.shadow, features, bindings) : undefined,
          features,
          signals: plainSignals(input),
          sealedSnapshot,
        };
      },
    });
  }
}
