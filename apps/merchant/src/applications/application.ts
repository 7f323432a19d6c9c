/** The states of an application (shared/API.md). */
export const APPLICATION_STATUSES = ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'REJECTED', 'ACTIVE', 'SUSPENDED', 'CLOSED'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const MERCHANT_TYPES = ['INDIVIDUAL', 'ENTERPRISE'] as const;
export type MerchantType = (typeof MERCHANT_TYPES)[number];

/** An onboarding application is the merchant's record; an upgrade is its own reviewed request on an active merchant. */
export type ApplicationKind = 'ONBOARDING' | 'UPGRADE';

export const LEVELS = ['L1', 'L2', 'L3'] as const;
export type Level = (typeof LEVELS)[number];

/** Who moved an application, as recorded with every transition. */
export type ActorType = 'MERCHANT' | 'REVIEWER' | 'ADMIN' | 'SYSTEM';
export interface Actor {
  type: ActorType;
  id: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'SYSTEM', id: 'merchant-checks' };

/** A per-field reason of a rejection, an information request or a status change. Never personal data. */
export interface Reason {
  field: string;
  reason: string;
}

export const ID_TYPES = ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_RESIDENT'] as const;
export type IdType = (typeof ID_TYPES)[number];

export interface OwnerFields {
  name?: string;
  id_number?: string;
  phone?: string;
  email?: string;
  id_photo_front_document_id?: string;
  id_photo_back_document_id?: string;
}
export interface CompanyFields {
  name?: string;
  address?: string;
  business_scope?: string;
}
export interface BusinessLicenseFields {
  credit_code?: string;
  valid_until?: string;
  photo_document_id?: string;
}
export interface PersonFields {
  name?: string;
  id_type?: string;
  id_number?: string;
  id_valid_until?: string;
  phone?: string;
}
export interface BeneficialOwnerFields {
  name: string;
  address: string;
  id_type: string;
  id_number: string;
  id_valid_until: string;
  ownership_percent: number;
}
export interface SettlementAccountFields {
  bank_name?: string;
  account_name?: string;
  account_number?: string;
}
export interface StoreFields {
  name?: string;
  address?: string;
  photo_document_id?: string;
}
export interface CreditCardFields {
  issuing_bank?: string;
  account_name?: string;
  card_number?: string;
  reserved_phone?: string;
}

/**
 * What a merchant submits, in the API's own (snake_case) names so that
 * reason paths like `owner.id_number` are the paths of this object. It is
 * stored encrypted as a whole.
 */
export interface ApplicationForm {
  owner?: OwnerFields;
  company?: CompanyFields;
  business_license?: BusinessLicenseFields;
  legal_representative?: PersonFields;
  authorized_agent?: PersonFields;
  beneficial_owners?: BeneficialOwnerFields[];
  settlement_account?: SettlementAccountFields;
  store?: StoreFields;
  credit_card_authorization?: CreditCardFields;
}

export type FormGroup = keyof ApplicationForm;

export type CheckName = 'CREDIT_CODE' | 'REAL_NAME' | 'SETTLEMENT_ACCOUNT' | 'RISK' | 'DUPLICATE' | 'CARD_HOLDER';
export type CheckOutcome = 'PASS' | 'FAIL' | 'FLAG' | 'UNAVAILABLE' | 'SKIPPED';

/** One automated check's result, attached for the reviewer. Codes and scores only. */
export interface CheckResult {
  check: CheckName;
  result: CheckOutcome;
  detail?: string;
  field?: string;
  score?: number;
  decisionId?: string;
  checkedAt: string;
}

export interface Application {
  id: string;
  merchantId: string;
  /** The token subject who created it: whose merchant record it is for data-subject rights (docs/merchant.md). */
  createdBy?: string;
  kind: ApplicationKind;
  businessCode?: string;
  type: MerchantType;
  status: ApplicationStatus;
  /** Onboarding: the merchant's current level. Upgrade: the level asked for. */
  level: Level;
  parentId?: string;
  form: ApplicationForm;
  checks: CheckResult[];
  /** Reasons of the latest rejection or information request. */
  reasons: Reason[];
  /** Incremented every time the application enters IN_REVIEW; approvals count per round. */
  reviewRound: number;
  approvalsRequired: number;
  /** The submitting client's IP, kept (encrypted) for the risk assessment of retries. */
  clientIp?: string;
  checkAttempts: number;
  nextCheckAt?: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt?: Date;
  decidedAt?: Date;
}

export interface Transition {
  eventId: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  actor: Actor;
  reasons: Reason[];
  occurredAt: Date;
}

export type ReviewDecisionKind = 'APPROVE' | 'REJECT' | 'REQUEST_INFO';

export interface ReviewDecision {
  id: string;
  applicationId: string;
  round: number;
  reviewerId: string;
  decision: ReviewDecisionKind;
  reasons: Reason[];
  decidedAt: Date;
}
