import type { Features } from '../assessment/features/features.js';

type PersonalFields = { [N in keyof Features]?: ReadonlyArray<keyof Features[N] & string> };

/**
 * The features that could single a person out once the decision no longer
 * names them: the phone's make, model, software and settings (together, a
 * fingerprint), and where the IP placed them finer than a country. The rest
 * is flags, counts, distances and categories, which describe the event, not
 * the person, and stays for backtests and model statistics.
 */
export const PERSONAL_FEATURES = {
  device: ['manufacturer', 'model', 'os_version', 'app_version', 'carrier', 'timezone', 'language'],
  ip: ['province', 'city', 'isp'],
} as const satisfies PersonalFields;

/** What anonymisation writes over each namespace: every personal field blanked, the shape kept (rules still bind every name). */
export function blankedFeatures(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(PERSONAL_FEATURES).map(([namespace, fields]) => [namespace, Object.fromEntries(fields.map((field) => [field, '']))]),
  );
}

/** The features of an anonymised decision: the same object with the personal fields blanked. */
export function anonymousFeatures(features: Features): Features {
  const blanked = blankedFeatures();
  return Object.fromEntries(
    Object.entries(features).map(([namespace, values]) => [namespace, blanked[namespace] ? { ...(values as object), ...blanked[namespace] } : values]),
  ) as unknown as Features;
}
