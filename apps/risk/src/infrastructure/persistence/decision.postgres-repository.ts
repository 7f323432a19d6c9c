import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRecorder, type AuditRecord } from '#libs/audit';
import { queryRows } from '#libs/db';
import type { Features } from '../../assessment/features/features.js';
import type { BacktestRow, DecisionDetail, DecisionFilter, DecisionSummary, Label } from '../../decisions/decision-record.js';
import { DecisionRepository } from '../../decisions/decision.repository.js';
import type { Reason } from '../../rules/decide.js';
import type { TimeCursor } from '../../shared/cursor.js';
import type { Outcome } from '../../shared/outcome.js';
import { uuidV7Time } from '../../shared/uuid-v7.js';

interface SummaryRow {
  id: string;
  occurred_at: Date;
  event_type: string;
  subject_id: string;
  merchant_id: string | null;
  device_id: string;
  ip: string;
  score: number;
  decision: Outcome;
  reasons: Reason[];
  hit_rules: string[];
  ruleset_version: number;
  shadow_ruleset_version: number | null;
  shadow_score: number | null;
  shadow_decision: Outcome | null;
  label: Label | null;
}

interface DetailRow extends SummaryRow {
  device_id_kind: string;
  device_confidence: number;
  fingerprint_version: string;
  hard_id_changed: boolean;
  features: Features;
  signals: Record<string, unknown>;
  rule_outcomes: string;
  rule_errors: Record<string, string> | null;
  shadow_rule_outcomes: string | null;
  shadow_rule_errors: Record<string, string> | null;
  sensitive_snapshot_enc: Buffer;
  labelled_by: string | null;
  labelled_at: Date | null;
}

const SUMMARY_COLUMNS = `id, occurred_at, event_type, subject_id, merchant_id, device_id, host(ip) AS ip, score, decision, reasons, hit_rules,
  ruleset_version, shadow_ruleset_version, shadow_score, shadow_decision, label`;

function toSummary(row: SummaryRow): DecisionSummary {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    eventType: row.event_type,
    subjectId: row.subject_id,
    merchantId: row.merchant_id ?? undefined,
    deviceId: row.device_id,
    ip: row.ip,
    score: row.score,
    outcome: row.decision,
    reasons: row.reasons,
    hitRules: row.hit_rules,
    rulesetVersion: row.ruleset_version,
    shadow:
      row.shadow_ruleset_version !== null && row.shadow_decision !== null
        ? { version: row.shadow_ruleset_version, score: row.shadow_score ?? 0, outcome: row.shadow_decision }
        : undefined,
    label: row.label ?? undefined,
  };
}

/**
 * Restricted decisions (kept under a legal hold after an erasure) and
 * anonymised ones (statistics only) are out of every analyst use.
 */
const IN_USE = 'restricted_at IS NULL AND anonymised_at IS NULL';

/** Builds the WHERE clause of the analyst query; every filter is a bound parameter. */
function whereOf(filter: DecisionFilter, after: TimeCursor | undefined): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses: string[] = [IN_USE];
  const add = (clause: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (filter.subjectId) add((p) => `subject_id = ${p}`, filter.subjectId);
  if (filter.deviceId) add((p) => `device_id = ${p}`, filter.deviceId);
  if (filter.outcome) add((p) => `decision = ${p}`, filter.outcome);
  if (filter.eventType) add((p) => `event_type = ${p}`, filter.eventType);
  if (filter.minScore !== undefined) add((p) => `score >= ${p}`, filter.minScore);
  if (filter.maxScore !== undefined) add((p) => `score <= ${p}`, filter.maxScore);
  if (filter.rule) add((p) => `hit_rules @> ARRAY[${p}]::text[]`, filter.rule);
  if (filter.from) add((p) => `occurred_at >= ${p}`, filter.from);
  if (filter.to) add((p) => `occurred_at < ${p}`, filter.to);
  if (after) {
    params.push(after.at, after.id);
    clauses.push(`(occurred_at, id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  return { sql: `WHERE ${clauses.join(' AND ')}`, params };
}

@Injectable()
export class DecisionPostgresRepository extends DecisionRepository {
  private readonly audit = new AuditRecorder('risk');

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async list(filter: DecisionFilter, limit: number, after?: TimeCursor): Promise<DecisionSummary[]> {
    const where = whereOf(filter, after);
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM risk.decisions ${where.sql} ORDER BY occurred_at DESC, id DESC LIMIT $${where.params.length + 1}`,
      [...where.params, limit],
    );
    return rows.map(toSummary);
  }

  async find(id: string): Promise<DecisionDetail | undefined> {
    const at = uuidV7Time(id);
    if (!at) return undefined;
    // The id's time prefix is the partition key: the lookup touches one partition.
    const rows: DetailRow[] = await this.dataSource.query(`SELECT *, host(ip) AS ip FROM risk.decisions WHERE id = $1 AND occurred_at = $2 AND ${IN_USE}`, [
      id,
      at,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...toSummary(row),
      device: {
        kind: row.device_id_kind,
        confidence: Math.round(row.device_confidence * 100) / 100,
        fingerprintVersion: row.fingerprint_version,
        hardIdChanged: row.hard_id_changed,
      },
      features: row.features,
      signals: row.signals,
      ruleOutcomes: row.rule_outcomes,
      ruleErrors: row.rule_errors ?? undefined,
      shadowRuleOutcomes: row.shadow_rule_outcomes ?? undefined,
      shadowRuleErrors: row.shadow_rule_errors ?? undefined,
      sealedSnapshot: row.sensitive_snapshot_enc,
      labelledBy: row.labelled_by ?? undefined,
      labelledAt: row.labelled_at ?? undefined,
    };
  }

  async label(
    id: string,
    label: Label,
    labelledBy: string,
    audit: (decision: DecisionSummary, previous: Label | undefined) => AuditRecord,
  ): Promise<DecisionSummary | undefined> {
    const at = uuidV7Time(id);
    if (!at) return undefined;
    return this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<SummaryRow & { previous: Label | null }>(
        manager,
        `UPDATE risk.decisions d SET label = $3, labelled_by = $4, labelled_at = now()
         FROM (SELECT label AS previous FROM risk.decisions WHERE id = $1 AND occurred_at = $2 AND ${IN_USE} FOR UPDATE) p
         WHERE d.id = $1 AND d.occurred_at = $2
         RETURNING d.id, d.occurred_at, d.event_type, d.subject_id, d.merchant_id, d.device_id, host(d.ip) AS ip, d.score, d.decision, d.reasons, d.hit_rules,
           d.ruleset_version, d.shadow_ruleset_version, d.shadow_score, d.shadow_decision, d.label, p.previous`,
        [id, at, label, labelledBy],
      );
      if (!row) return undefined;
      const summary = toSummary(row);
      await this.audit.record(manager, audit(summary, row.previous ?? undefined));
      return summary;
    });
  }

  async recordKycOutcome(id: string, failed: boolean, subjectId?: string): Promise<boolean> {
    const at = uuidV7Time(id);
    if (!at) return false;
    const rows = await queryRows<{ device_id: string }>(
      this.dataSource,
      `WITH d AS (
         UPDATE risk.decisions SET kyc_outcome = $3
         WHERE id = $1 AND occurred_at = $2 AND event_type = 'KYC' AND ($5::text IS NULL OR subject_id = $5) AND ${IN_USE}
         RETURNING device_id)
       UPDATE risk.velocity_events v SET kyc_failed = $4
       FROM d WHERE v.device_id = d.device_id AND v.occurred_at = $2 AND v.decision_id = $1
       RETURNING v.device_id`,
      [id, at, failed ? 'KYC_FAILED' : 'KYC_PASSED', failed, subjectId ?? null],
    );
    return rows.length > 0;
  }

  async backtestPage(from: Date, to: Date, limit: number, after?: TimeCursor): Promise<BacktestRow[]> {
    const rows: Array<{ id: string; occurred_at: Date; features: Features; decision: Outcome; label: Label | null }> = await this.dataSource.query(
      `SELECT id, occurred_at, features, decision, label FROM risk.decisions
       WHERE occurred_at >= $1 AND occurred_at < $2 AND restricted_at IS NULL AND ($3::timestamptz IS NULL OR (occurred_at, id) > ($3::timestamptz, $4::uuid))
       ORDER BY occurred_at, id LIMIT $5`,
      [from, to, after?.at ?? null, after?.id ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map((row) => ({ id: row.id, occurredAt: row.occurred_at, features: row.features, outcome: row.decision, label: row.label ?? undefined }));
  }
}
