import { PiiError } from '../errors/pii-error.js';
import { MASK_KINDS, PII_CLASSIFICATION, type MaskKind, type MaskRule } from './classification.js';

export type MaskOverrides = Partial<Record<MaskKind, Partial<MaskRule>>>;

export interface Masker {
  mask(kind: MaskKind, value: string): string;
  ruleFor(kind: MaskKind): Readonly<Required<MaskRule>>;
}

function validRule(rule: Required<MaskRule>): Required<MaskRule> {
  const count = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!count(rule.keepStart) || !count(rule.keepEnd) || Array.from(rule.maskChar).length !== 1) {
    throw new PiiError('PII_INVALID_MASK_RULE');
  }
  return Object.freeze({ ...rule });
}

/**
 * Works on code points so that a CJK name or an astral character counts as
 * one. A value no longer than what the rule would show is masked entirely,
 * otherwise a 3-digit "card" would be printed in clear.
 */
export function maskWithRule(value: string, rule: Required<MaskRule>): string {
  const chars = Array.from(value);
  const hidden = chars.length - rule.keepStart - rule.keepEnd;
  if (hidden <= 0) return rule.maskChar.repeat(chars.length);
  return chars.slice(0, rule.keepStart).join('') + rule.maskChar.repeat(hidden) + chars.slice(chars.length - rule.keepEnd).join('');
}

function maskEmail(value: string, rule: Required<MaskRule>): string {
  const at = value.lastIndexOf('@');
  // Without a usable local part there is no domain to keep: hide it all.
  if (at <= 0) return rule.maskChar.repeat(Array.from(value).length);
  return maskWithRule(value.slice(0, at), rule) + value.slice(at);
}

/** A masker with the JR/T 0171 default rules, each field of which `overrides` may replace. */
export function createMasker(overrides: MaskOverrides = {}): Masker {
  const rules = new Map<MaskKind, Required<MaskRule>>();
  for (const kind of MASK_KINDS) {
    const base = PII_CLASSIFICATION[kind].rule;
    const override = overrides[kind] ?? {};
    rules.set(
      kind,
      validRule({
        keepStart: override.keepStart ?? base.keepStart,
        keepEnd: override.keepEnd ?? base.keepEnd,
        maskChar: override.maskChar ?? base.maskChar,
      }),
    );
  }
  for (const kind of Object.keys(overrides)) {
    if (!rules.has(kind as MaskKind)) throw new PiiError('PII_UNKNOWN_KIND');
  }

  const ruleFor = (kind: MaskKind): Required<MaskRule> => {
    const rule = rules.get(kind);
    if (!rule) throw new PiiError('PII_UNKNOWN_KIND');
    return rule;
  };

  return {
    ruleFor,
    mask(kind, value) {
      const rule = ruleFor(kind);
      if (typeof value !== 'string') throw new PiiError('PII_INVALID_PLAINTEXT');
      return kind === 'email' ? maskEmail(value, rule) : maskWithRule(value, rule);
    },
  };
}

const defaultMasker = createMasker();

/** Masks with the default rules: `mask('mobile', '13812345678')` → `138****5678`. */
export function mask(kind: MaskKind, value: string): string {
  return defaultMasker.mask(kind, value);
}
