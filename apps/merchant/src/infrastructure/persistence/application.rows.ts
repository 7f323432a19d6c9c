import type { PiiVault } from '#libs/pii';
import type {
  Application,
  ApplicationForm,
  ApplicationKind,
  ApplicationStatus,
  CheckResult,
  Level,
  MerchantType,
  Reason,
} from '../../applications/application.js';

/** A row of merchant.applications as the repositories read it. */
export interface ApplicationRow {
  id: string;
  merchant_id: string;
  created_by: string | null;
  kind: ApplicationKind;
  business_code: string | null;
  parent_id: string | null;
  type: MerchantType;
  status: ApplicationStatus;
  level: Level;
  form_enc: Buffer;
  client_ip_enc: Buffer | null;
  checks: CheckResult[];
  reasons: Reason[];
  review_round: number;
  approvals_required: number;
  check_attempts: number;
  next_check_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  decided_at: Date | null;
}

export const APPLICATION_COLUMNS = `id, merchant_id, created_by, kind, business_code, parent_id, type, status, level, form_enc, client_ip_enc, checks, reasons, review_round,
  approvals_required, check_attempts, next_check_at, version, created_at, updated_at, submitted_at, decided_at`;

/** Encryption contexts: each ciphertext is bound to its table and column. */
export const FORM = { table: 'merchant.applications', column: 'form' };
export const CLIENT_IP = { table: 'merchant.applications', column: 'client_ip' };

export function decryptForm(vault: PiiVault, formEnc: Buffer): ApplicationForm {
  return JSON.parse(vault.decryptString(formEnc, FORM)) as ApplicationForm;
}

export function toApplication(row: ApplicationRow, vault: PiiVault): Application {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    ...(row.created_by ? { createdBy: row.created_by } : {}),
    kind: row.kind,
    ...(row.business_code ? { businessCode: row.business_code } : {}),
    type: row.type,
    status: row.status,
    level: row.level,
    ...(row.parent_id ? { parentId: row.parent_id } : {}),
    form: decryptForm(vault, row.form_enc),
    checks: row.checks,
    reasons: row.reasons,
    reviewRound: row.review_round,
    approvalsRequired: row.approvals_required,
    ...(row.client_ip_enc ? { clientIp: vault.decryptString(row.client_ip_enc, CLIENT_IP) } : {}),
    checkAttempts: row.check_attempts,
    ...(row.next_check_at ? { nextCheckAt: row.next_check_at } : {}),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.submitted_at ? { submittedAt: row.submitted_at } : {}),
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
  };
}
