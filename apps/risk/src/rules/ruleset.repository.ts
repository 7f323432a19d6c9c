import type { AuditRecord } from '#libs/audit';
import type { RulesetDocument, RulesetSlots, StoredRuleset } from './ruleset.js';

/** Port: ruleset versions and which of them are live and shadow. */
export abstract class RulesetRepository {
  abstract slots(): Promise<RulesetSlots>;

  abstract findByVersion(version: number): Promise<StoredRuleset | undefined>;

  /** Newest first. */
  abstract list(limit: number, beforeVersion?: number): Promise<StoredRuleset[]>;

  /** Stores a new draft version and its audit entry in one transaction. */
  abstract create(document: RulesetDocument, createdBy: string, basedOn: number | undefined, audit: (version: number) => AuditRecord): Promise<StoredRuleset>;

  /**
   * Makes `version` live (and stops shadowing it) with its audit entry, in one
   * transaction. RULESET_NOT_FOUND if it does not exist.
   */
  abstract publish(version: number, changedBy: string, audit: (previousLive: number | undefined) => AuditRecord): Promise<StoredRuleset>;

  /** Makes `version` the shadow. RULESET_NOT_FOUND, or RULESET_ALREADY_LIVE for the live version. */
  abstract shadow(version: number, changedBy: string, audit: (previousShadow: number | undefined) => AuditRecord): Promise<StoredRuleset>;
}
