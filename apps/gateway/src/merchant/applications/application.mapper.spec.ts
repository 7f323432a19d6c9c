import type { Application } from '#contracts/merchant';
import { describe, expect, it } from 'vitest';
import { toApplicationView, toFormMessage, toStaffApplicationView } from './application.mapper.js';

describe('merchant application mapping', () => {
  it('turns null into paths to clear and objects into camelCase groups', () => {
    const { form, clear } = toFormMessage({
      owner: { name: '张三', email: null },
      authorized_agent: null,
      beneficial_owners: null,
      store: { name: undefined },
    });
    expect(clear.sort()).toEqual(['authorized_agent', 'beneficial_owners', 'owner.email']);
    expect(form.owner).toEqual({ name: '张三' });
    expect(form.store).toEqual({});
    expect(form.authorizedAgent).toBeUndefined();
    expect(toFormMessage({ beneficial_owners: [] }).form.beneficialOwners).toEqual({ items: [] });
  });

  const application: Application = {
    id: 'a-1',
    merchantId: 'm-1',
    kind: 'UPGRADE',
    businessCode: undefined,
    type: 'INDIVIDUAL',
    status: 'IN_REVIEW',
    level: 'L2',
    parentApplicationId: 'a-0',
    form: {
      owner: undefined,
      company: undefined,
      businessLicense: undefined,
      legalRepresentative: undefined,
      authorizedAgent: undefined,
      beneficialOwners: undefined,
      settlementAccount: undefined,
      store: undefined,
      creditCardAuthorization: { accountName: '**三', cardNumber: '622202******1234', issuingBank: '中国银行', reservedPhone: '138****5678' },
    },
    review: {
      reasons: [],
      approvals: 1,
      approvalsRequired: 2,
      decisions: [{ reviewerId: 'r-1', decision: 'APPROVE', reasons: [], decidedAt: 't', round: 1 }],
      decidedAt: undefined,
    },
    checks: [{ check: 'CARD_HOLDER', result: 'PASS', detail: 'MATCH', field: undefined, score: undefined, decisionId: undefined, checkedAt: 't' }],
    history: [{ fromStatus: '', toStatus: 'SUBMITTED', actorType: 'MERCHANT', actorId: 'u-1', reasons: [], occurredAt: 't', eventId: 'e-1' }],
    createdAt: 't',
    updatedAt: 't',
    submittedAt: 't',
  };

  it('puts personal groups under masked, the target level of an upgrade, and hides staff details from merchants', () => {
    const view = toApplicationView(application);
    expect(view).toMatchObject({ kind: 'UPGRADE', target_level: 'L2', parent_application_id: 'a-0', review: { approvals: 1, approvals_required: 2 } });
    expect(view.level).toBeUndefined();
    expect(view.masked.credit_card_authorization).toEqual({
      account_name: '**三',
      card_number: '622202******1234',
      issuing_bank: '中国银行',
      reserved_phone: '138****5678',
    });
    expect(view.history).toEqual([{ from_status: null, to_status: 'SUBMITTED', actor_type: 'MERCHANT', reasons: [], occurred_at: 't', event_id: 'e-1' }]);
    expect(JSON.stringify(view)).not.toMatch(/r-1|u-1|CARD_HOLDER/);
    const staff = toStaffApplicationView(application);
    expect(staff).toMatchObject({
      merchant_id: 'm-1',
      checks: [{ check: 'CARD_HOLDER', result: 'PASS', detail: 'MATCH' }],
      review: { decisions: [{ reviewer_id: 'r-1' }] },
    });
    expect(staff.history[0]).toMatchObject({ actor_id: 'u-1' });
  });
});
