import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRecorder, type AuditRecord } from '#libs/audit';
import { DomainError } from '#libs/errors';
import type { RulesetDocument, RulesetSlots, RulesetState, StoredRuleset } from '../../rules/ruleset.js';
import { RulesetRepository } from '../../rules/ruleset.repository.js';
import { rulesFromJson, rulesToJson, type StoredRuleJson } from './ruleset-json.js';

interface RulesetRow {
  version: number;
  state: RulesetState;
  description: string;
  review_threshold: number;
  deny_threshold: number;
  rules: StoredRuleJson[];
  based_on: number | null;
  created_by: string;
  created_at: Date;
  published_at: Date | null;
  shadowed_at: Date | null;
}

const SELECT_RULESETS = `
  SELECT r.*,
    CASE WHEN r.version = live.version THEN 'LIVE'
         WHEN r.version = shadow.version THEN 'SHADOW'
         WHEN r.published_at IS NOT NULL OR r.shadowed_at IS NOT NULL THEN 'RETIRED'
         ELSE 'DRAFT' END AS state
  FROM risk.rulesets r
  LEFT JOIN risk.ruleset_slots live ON live.slot = 'live'
  LEFT JOIN risk.ruleset_slots shadow ON shadow.slot = 'shadow'`;

function toRuleset(row: RulesetRow): StoredRuleset {
  return {
    version: row.version,
    state: row.state,
    description: row.description,
    reviewThreshold: row.review_threshold,
    denyThreshold: row.deny_threshold,
    rules: rulesFromJson(row.rules),
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedAt: row.published_at ?? undefined,
    shadowedAt: row.shadowed_at ?? undefined,
    basedOn: row.based_on ?? undefined,
  };
}

@Injectable()
export class RulesetPostgresRepository extends RulesetRepository {
  private readonly audit = new AuditRecorder('risk');

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async slots(): Promise<RulesetSlots> {
    const rows: Array<{ slot: string; version: number | null }> = await this.dataSource.query('SELECT slot, version FROM risk.ruleset_slots');
    const of = (slot: string): number | undefined => rows.find((row) => row.slot === slot)?.version ?? undefined;
    return { live: of('live'), shadow: of('shadow') };
  }

  async findByVersion(version: number, manager: EntityManager = this.dataSource.manager): Promise<StoredRuleset | undefined> {
    const rows: RulesetRow[] = await manager.query(`${SELECT_RULESETS} WHERE r.version = $1`, [version]);
    return rows[0] ? toRuleset(rows[0]) : undefined;
  }

  async list(limit: number, beforeVersion?: number): Promise<StoredRuleset[]> {
    const rows: RulesetRow[] = await this.dataSource.query(`${SELECT_RULESETS} WHERE r.version < $1 ORDER BY r.version DESC LIMIT $2`, [
      beforeVersion ?? 2_147_483_647,
      limit,
    ]);
    return rows.map(toRuleset);
  }

  async create(document: RulesetDocument, createdBy: string, basedOn: number | undefined, audit: (version: number) => AuditRecord): Promise<StoredRuleset> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: Array<{ version: number }> = await manager.query(
        `INSERT INTO risk.rulesets (description, review_threshold, deny_threshold, rules, based_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING version`,
        [document.description, document.reviewThreshold, document.denyThreshold, JSON.stringify(rulesToJson(document.rules)), basedOn ?? null, createdBy],
      );
      await this.audit.record(manager, audit(row!.version), `ruleset-created:${row!.version}`);
      return (await this.findByVersion(row!.version, manager))!;
    });
  }

  async publish(version: number, changedBy: string, audit: (previousLive: number | undefined) => AuditRecord): Promise<StoredRuleset> {
    return this.dataSource.transaction(async (manager) => {
      const slots = await this.lockSlots(manager, version);
      if (slots.live === version) return (await this.findByVersion(version, manager))!;
      await manager.query(`UPDATE risk.ruleset_slots SET version = $1, changed_by = $2, changed_at = now() WHERE slot = 'live'`, [version, changedBy]);
      if (slots.shadow === version)
        await manager.query(`UPDATE risk.ruleset_slots SET version = NULL, changed_by = $1, changed_at = now() WHERE slot = 'shadow'`, [changedBy]);
      await manager.query('UPDATE risk.rulesets SET published_at = now() WHERE version = $1', [version]);
      await this.audit.record(manager, audit(slots.live));
      return (await this.findByVersion(version, manager))!;
    });
  }

  async shadow(version: number, changedBy: string, audit: (previousShadow: number | undefined) => AuditRecord): Promise<StoredRuleset> {
    return this.dataSource.transaction(async (manager) => {
      const slots = await this.lockSlots(manager, version);
      if (slots.live === version) throw new DomainError('RULESET_ALREADY_LIVE', 'The live version cannot also be the shadow');
      if (slots.shadow === version) return (await this.findByVersion(version, manager))!;
      await manager.query(`UPDATE risk.ruleset_slots SET version = $1, changed_by = $2, changed_at = now() WHERE slot = 'shadow'`, [version, changedBy]);
      await manager.query('UPDATE risk.rulesets SET shadowed_at = now() WHERE version = $1', [version]);
      await this.audit.record(manager, audit(slots.shadow));
      return (await this.findByVersion(version, manager))!;
    });
  }

  /** Serialises slot changes, and checks the version exists, inside the caller's transaction. */
  private async lockSlots(manager: EntityManager, version: number): Promise<RulesetSlots> {
    const rows: Array<{ slot: string; version: number | null }> = await manager.query('SELECT slot, version FROM risk.ruleset_slots ORDER BY slot FOR UPDATE');
    const exists: unknown[] = await manager.query('SELECT 1 FROM risk.rulesets WHERE version = $1', [version]);
    if (exists.length === 0) throw new DomainError('RULESET_NOT_FOUND', 'No such ruleset version');
    const of = (slot: string): number | undefined => rows.find((row) => row.slot === slot)?.version ?? undefined;
    return { live: of('live'), shadow: of('shadow') };
  }
}
