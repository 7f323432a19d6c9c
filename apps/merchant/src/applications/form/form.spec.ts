import { creditCodeCheckChar, findPlaintextPii, idNumberCheckChar } from '#libs/pii';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApplicationForm } from '../application.js';
import { maskForm } from './form-masking.js';
import { documentReferences, mergeForm } from './form-merge.js';
import { missingForSubmit, normaliseForm } from './form-validation.js';

const DOC = '7d2b6f0e-8a1c-4f3e-9b5d-2c4a6e8f0a1b';

/** A valid resident ID number for any 17 digits. */
const residentId = (first17: string): string => first17 + idNumberCheckChar(first17);
const ID = residentId('53010219480808660');

const individual: ApplicationForm = {
  owner: {
    name: '高秀兰',
    id_number: ID,
    phone: '+86 139 0871 3119',
    email: 'gao@example.com',
    id_photo_front_document_id: DOC,
    id_photo_back_document_id: DOC,
  },
  settlement_account: { bank_name: '中国银行', account_name: '高秀兰', account_number: '6216 6132 4803 7756 673' },
  store: { name: '高记杂货', address: '昆明市五华区华山南路 1 号', photo_document_id: DOC },
};

describe('normaliseForm', () => {
  it('stores phones, ID numbers and account numbers in one normal form', () => {
    const { form, violations } = normaliseForm(
      { ...individual, owner: { ...individual.owner, id_number: ID.toLowerCase() } },
      { kind: 'ONBOARDING', type: 'INDIVIDUAL' },
    );
    expect(violations).toEqual([]);
    expect(form.owner).toMatchObject({ phone: '13908713119', id_number: ID });
    expect(form.settlement_account!.account_number).toBe('6216613248037756673');
  });

  it('names every invalid field by its path, never its value', () => {
    const { violations } = normaliseForm(
      {
        owner: { id_number: '110105199003077590', phone: '12800138001', email: 'not-an-email', id_photo_front_document_id: '../etc/passwd' },
        settlement_account: { account_number: '12ab' },
        store: { name: '' },
      },
      { kind: 'ONBOARDING', type: 'INDIVIDUAL' },
    );
    expect(violations.map((violation) => [violation.field, violation.code])).toEqual([
      ['owner.id_number', 'ID_NUMBER_INVALID'],
      ['owner.phone', 'PHONE_INVALID'],
      ['owner.email', 'EMAIL_INVALID'],
      ['owner.id_photo_front_document_id', 'DOCUMENT_ID_INVALID'],
      ['settlement_account.account_number', 'ACCOUNT_NUMBER_INVALID'],
      ['store.name', 'LENGTH'],
    ]);
    expect(JSON.stringify(violations)).not.toContain('110105199003077590');
  });

  it('refuses groups another type of application has', () => {
    const { violations } = normaliseForm(
      { ...individual, company: { name: '某公司' }, credit_card_authorization: { card_number: '4111111111111111' } },
      { kind: 'ONBOARDING', type: 'INDIVIDUAL' },
    );
    expect(violations.map((violation) => [violation.field, violation.code])).toEqual([
      ['company', 'FIELD_NOT_ALLOWED'],
      ['credit_card_authorization', 'FIELD_NOT_ALLOWED'],
    ]);
    expect(normaliseForm({ owner: { name: '张三' } }, { kind: 'UPGRADE', type: 'INDIVIDUAL' }).violations[0]).toMatchObject({
      field: 'owner',
      code: 'FIELD_NOT_ALLOWED',
    });
  });

  it('checks other ID documents for shape only, and beneficial owners as a whole', () => {
    const owner = {
      name: 'John Smith',
      address: 'Hong Kong Central 1',
      id_type: 'PASSPORT',
      id_number: 'E12345678',
      id_valid_until: '2030-01-01',
      ownership_percent: 60,
    };
    const ok = normaliseForm({ beneficial_owners: [owner] }, { kind: 'ONBOARDING', type: 'ENTERPRISE' });
    expect(ok.violations).toEqual([]);
    const bad = normaliseForm(
      {
        beneficial_owners: [
          { ...owner, ownership_percent: 20 },
          { ...owner, ownership_percent: 90, id_valid_until: '2030-02-30' },
        ],
      },
      { kind: 'ONBOARDING', type: 'ENTERPRISE' },
    );
    expect(bad.violations.map((violation) => [violation.field, violation.code])).toEqual([
      ['beneficial_owners[0].ownership_percent', 'OWNERSHIP_PERCENT_INVALID'],
      ['beneficial_owners[1].id_valid_until', 'DATE_INVALID'],
    ]);
    const over = normaliseForm(
      {
        beneficial_owners: [
          { ...owner, ownership_percent: 60 },
          { ...owner, ownership_percent: 50 },
        ],
      },
      { kind: 'ONBOARDING', type: 'ENTERPRISE' },
    );
    expect(over.violations.map((violation) => violation.code)).toEqual(['OWNERSHIP_OVER_100']);
  });

  it('accepts a credit code of the right shape and leaves its check character to the submit checks', () => {
    const first17 = '91110105MA01ABCDE';
    const valid = first17 + creditCodeCheckChar(first17)!;
    const wrong = first17 + (valid.endsWith('0') ? '1' : '0');
    for (const code of [valid, wrong.toLowerCase()])
      expect(normaliseForm({ business_license: { credit_code: code } }, { kind: 'ONBOARDING', type: 'ENTERPRISE' }).violations).toEqual([]);
    expect(normaliseForm({ business_license: { credit_code: 'IOZSV1234567890123' } }, { kind: 'ONBOARDING', type: 'ENTERPRISE' }).violations[0]!.code).toBe(
      'CREDIT_CODE_FORMAT',
    );
  });
});

describe('missingForSubmit', () => {
  it('requires every field of the required groups of the type, except optional ones', () => {
    const { form } = normaliseForm(individual, { kind: 'ONBOARDING', type: 'INDIVIDUAL' });
    expect(missingForSubmit(form, { kind: 'ONBOARDING', type: 'INDIVIDUAL' }, '2026-11-22')).toEqual([]);
    const { email: _email, ...owner } = form.owner!;
    expect(missingForSubmit({ ...form, owner }, { kind: 'ONBOARDING', type: 'INDIVIDUAL' }, '2026-11-22')).toEqual([]);
    expect(missingForSubmit({}, { kind: 'ONBOARDING', type: 'ENTERPRISE' }, '2026-11-22').map((violation) => violation.field)).toEqual(
      expect.arrayContaining([
        'company.name',
        'business_license.credit_code',
        'legal_representative.id_number',
        'beneficial_owners',
        'settlement_account.account_number',
      ]),
    );
  });

  it('refuses an expired licence or ID, but not a long-term one', () => {
    const form: ApplicationForm = { business_license: { credit_code: 'x', photo_document_id: DOC, valid_until: '2026-11-21' } };
    expect(missingForSubmit(form, { kind: 'UPGRADE', type: 'ENTERPRISE', upgrade: { target: 'L3', from: 'L2' } }, '2026-11-22')).toEqual([
      expect.objectContaining({ field: 'business_license.valid_until', code: 'EXPIRED' }),
    ]);
    form.business_license!.valid_until = 'LONG_TERM';
    expect(missingForSubmit(form, { kind: 'UPGRADE', type: 'ENTERPRISE', upgrade: { target: 'L3', from: 'L2' } }, '2026-11-22')).toEqual([]);
  });

  it('asks an upgrade from L1 to L3 for both the card authorisation and the licence', () => {
    const fields = missingForSubmit({}, { kind: 'UPGRADE', type: 'INDIVIDUAL', upgrade: { target: 'L3', from: 'L1' } }, '2026-11-22').map(
      (violation) => violation.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['credit_card_authorization.card_number', 'business_license.credit_code']));
  });
});

describe('mergeForm', () => {
  it('merges groups field by field, replaces lists, and clears what is named', () => {
    const { form, violations } = mergeForm(individual, { owner: { name: '高秀英' }, store: undefined }, ['owner.email', 'store']);
    expect(violations).toEqual([]);
    expect(form.owner).toMatchObject({ name: '高秀英', id_number: individual.owner!.id_number });
    expect(form.owner!.email).toBeUndefined();
    expect(form.store).toBeUndefined();
    expect(individual.owner!.name).toBe('高秀兰');
    expect(mergeForm(individual, {}, ['owner.nickname', 'bogus', 'owner.name.first']).violations).toHaveLength(3);
  });

  it('lists the documents a form refers to with their expected kinds', () => {
    expect(documentReferences(individual).map((reference) => [reference.field, reference.kind])).toEqual([
      ['owner.id_photo_front_document_id', 'ID_PHOTO_FRONT'],
      ['owner.id_photo_back_document_id', 'ID_PHOTO_BACK'],
      ['store.photo_document_id', 'STORE_PHOTO'],
    ]);
  });
});

describe('maskForm', () => {
  it('masks names, ID numbers, phones, e-mail and account numbers by JR/T 0171, keeping the rest', () => {
    const { form } = normaliseForm(individual, { kind: 'ONBOARDING', type: 'INDIVIDUAL' });
    const masked = maskForm(form, 'INDIVIDUAL');
    expect(masked.owner).toMatchObject({
      name: '**兰',
      id_number: `5****************${ID.at(-1)}`,
      phone: '139****3119',
      email: 'g**@example.com',
      id_photo_front_document_id: DOC,
    });
    expect(masked.settlement_account).toMatchObject({ bank_name: '中国银行', account_name: '**兰', account_number: '621661*********6673' });
    expect(masked.store).toEqual(form.store);
  });

  it('shows a company account name, which is public, but never a person', () => {
    const masked = maskForm({ settlement_account: { account_name: '北京星河数据科技有限公司', account_number: '62229520646589816' } }, 'ENTERPRISE');
    expect(masked.settlement_account).toEqual({ account_name: '北京星河数据科技有限公司', account_number: '622295*******9816' });
  });

  it('leaves no ID number, card, phone or e-mail in clear, whatever the input (property)', () => {
    const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));
    fc.assert(
      fc.property(digits(17), fc.stringMatching(/^1[3-9][0-9]{9}$/), digits(16), fc.emailAddress(), (id17, phone, account, email) => {
        const form: ApplicationForm = {
          owner: { name: '张三', id_number: residentId(id17), phone, email },
          legal_representative: { name: '李四', id_number: residentId(id17), phone },
          beneficial_owners: [
            {
              name: '王五',
              address: '北京市东城区东四十条 5 号',
              id_type: 'RESIDENT_ID',
              id_number: residentId(id17),
              id_valid_until: 'LONG_TERM',
              ownership_percent: 30,
            },
          ],
          settlement_account: { account_name: '张三', account_number: account },
          credit_card_authorization: { account_name: '张三', card_number: account, reserved_phone: phone },
        };
        expect(findPlaintextPii(maskForm(form, 'INDIVIDUAL'))).toEqual([]);
      }),
    );
  });
});
