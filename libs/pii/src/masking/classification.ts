/**
 * JR/T 0171-2020 (个人金融信息保护技术规范) sensitivity classes:
 * C3 = authentication information (passwords, CVN, track data, biometrics used
 * to authenticate), C2 = information that identifies the subject and their
 * accounts, C1 = internal information such as account opening dates.
 */
export type JrtClass = 'C3' | 'C2' | 'C1';

export type MaskKind = 'bank_card' | 'id_number' | 'mobile' | 'name' | 'email' | 'face_image';

export interface MaskRule {
  /** Code points shown at the start. */
  readonly keepStart: number;
  /** Code points shown at the end. */
  readonly keepEnd: number;
  /** A single code point; defaults to `*`. */
  readonly maskChar?: string;
}

export interface Classification {
  readonly class: JrtClass;
  readonly rule: Required<MaskRule>;
}

export const PII_CLASSIFICATION: Readonly<Record<MaskKind, Classification>> = {
  // §4.2 b): payment account number (支付账号) is C2. The C3 parts of a card
  // (track data, CVN2, expiry, PIN) must never be stored, so are not listed here.
  bank_card: { class: 'C2', rule: { keepStart: 6, keepEnd: 4, maskChar: '*' } },
  // §4.2 b): identity document number (证件类识别标识与证件信息) is C2.
  id_number: { class: 'C2', rule: { keepStart: 1, keepEnd: 1, maskChar: '*' } },
  // §4.2 b): mobile number, an account identifier (手机号码), is C2.
  mobile: { class: 'C2', rule: { keepStart: 3, keepEnd: 4, maskChar: '*' } },
  // §4.2 b): name identifies the subject (个人身份信息), so C2.
  name: { class: 'C2', rule: { keepStart: 0, keepEnd: 1, maskChar: '*' } },
  // §4.2 b): e-mail is a contact/login identifier of the subject, so C2. The
  // rule applies to the local part; the domain is always shown.
  email: { class: 'C2', rule: { keepStart: 1, keepEnd: 0, maskChar: '*' } },
  // §4.2 a): biometric data used to authenticate (用于用户鉴别的个人生物识别信息) is C3:
  // never displayed, whatever its encoding.
  face_image: { class: 'C3', rule: { keepStart: 0, keepEnd: 0, maskChar: '*' } },
};

export const MASK_KINDS = Object.keys(PII_CLASSIFICATION) as readonly MaskKind[];
