import type { Application, ApplicationForm, Reason } from '#contracts/merchant';
import type { ApplicationFormDto, CreditCardAuthorizationDto } from './application.dto.js';
import type { ApplicationView, MaskedGroupsView, ReasonView, StaffApplicationView } from './application.view.js';

const snake = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const camel = (name: string): string => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A gRPC group as JSON: snake_case, unset fields (and proto-loader's oneof markers) left out. */
function groupView<T = string>(group: object | null | undefined): Record<string, T> | undefined {
  if (!group) return undefined;
  const entries = Object.entries(group).filter(([key, value]) => !key.startsWith('_') && value !== undefined && value !== null && value !== '');
  return entries.length > 0 ? (Object.fromEntries(entries.map(([key, value]) => [snake(key), value])) as Record<string, T>) : undefined;
}

const reasons = (list: Reason[] | undefined): ReasonView[] => (list ?? []).map(({ field, reason }) => ({ field, reason }));

function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

function masked(form: ApplicationForm | undefined): MaskedGroupsView {
  return present({
    owner: groupView(form?.owner),
    legal_representative: groupView(form?.legalRepresentative),
    authorized_agent: groupView(form?.authorizedAgent),
    beneficial_owners: form?.beneficialOwners ? form.beneficialOwners.items.map((owner) => groupView<string | number>(owner)!) : undefined,
    settlement_account: groupView(form?.settlementAccount),
    credit_card_authorization: groupView(form?.creditCardAuthorization),
  });
}

/** The merchant's view: non-personal groups in place, personal groups under `masked`. */
export function toApplicationView(application: Application): ApplicationView {
  const upgrade = application.kind === 'UPGRADE';
  const review = application.review;
  return present({
    id: application.id,
    kind: application.kind,
    business_code: application.businessCode || undefined,
    type: application.type,
    status: application.status,
    level: upgrade ? undefined : application.level,
    target_level: upgrade ? application.level : undefined,
    parent_application_id: application.parentApplicationId || undefined,
    company: groupView(application.form?.company),
    business_license: groupView(application.form?.businessLicense),
    store: groupView(application.form?.store),
    masked: masked(application.form),
    review: present({
      reasons: reasons(review?.reasons),
      approvals: review?.approvals ?? 0,
      approvals_required: review?.approvalsRequired ?? 1,
      decided_at: review?.decidedAt || undefined,
    }),
    history: (application.history ?? []).map((transition) => ({
      from_status: transition.fromStatus || null,
      to_status: transition.toStatus,
      actor_type: transition.actorType,
      reasons: reasons(transition.reasons),
      occurred_at: transition.occurredAt,
      event_id: transition.eventId,
    })),
    created_at: application.createdAt,
    updated_at: application.updatedAt,
    submitted_at: application.submittedAt || undefined,
  });
}

/** The reviewer's view: the same, masked, plus the merchant, the check results, every decision and who acted. */
export function toStaffApplicationView(application: Application): StaffApplicationView {
  const view = toApplicationView(application);
  return {
    ...view,
    merchant_id: application.merchantId,
    checks: (application.checks ?? []).map((check) =>
      present({
        check: check.check,
        result: check.result,
        detail: check.detail || undefined,
        field: check.field || undefined,
        score: check.score ?? undefined,
        decision_id: check.decisionId || undefined,
        checked_at: check.checkedAt,
      }),
    ),
    review: {
      ...view.review,
      decisions: (application.review?.decisions ?? []).map((decision) => ({
        reviewer_id: decision.reviewerId,
        decision: decision.decision,
        reasons: reasons(decision.reasons),
        round: decision.round,
        decided_at: decision.decidedAt,
      })),
    },
    history: (application.history ?? []).map((transition, index) => ({ ...view.history[index]!, actor_id: transition.actorId })),
  };
}

type GroupInput = Record<string, string | null | undefined> | null | undefined;

/**
 * A JSON body as the gRPC form plus the paths to clear: a group or field
 * set to `null` is removed, a group object merges field by field.
 */
export function toFormMessage(body: ApplicationFormDto & { credit_card_authorization?: CreditCardAuthorizationDto | null }): {
  form: ApplicationForm;
  clear: string[];
} {
  const clear: string[] = [];
  const group = (name: string, value: GroupInput): Record<string, string> | undefined => {
    if (value === null) {
      clear.push(name);
      return undefined;
    }
    if (value === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [field, inner] of Object.entries(value)) {
      if (inner === null) clear.push(`${name}.${field}`);
      else if (inner !== undefined) out[camel(field)] = inner;
    }
    return out;
  };
  const owners = body.beneficial_owners;
  if (owners === null) clear.push('beneficial_owners');
  const form: ApplicationForm = {
    owner: group('owner', body.owner as GroupInput),
    company: group('company', body.company as GroupInput),
    businessLicense: group('business_license', body.business_license as GroupInput),
    legalRepresentative: group('legal_representative', body.legal_representative as GroupInput),
    authorizedAgent: group('authorized_agent', body.authorized_agent as GroupInput),
    beneficialOwners: owners
      ? {
          items: owners.map((owner) => ({
            name: owner.name,
            address: owner.address,
            idType: owner.id_type,
            idNumber: owner.id_number,
            idValidUntil: owner.id_valid_until,
            ownershipPercent: owner.ownership_percent,
          })),
        }
      : undefined,
    settlementAccount: group('settlement_account', body.settlement_account as GroupInput),
    store: group('store', body.store as GroupInput),
    creditCardAuthorization: group('credit_card_authorization', body.credit_card_authorization as GroupInput),
  };
  return { form, clear };
}
