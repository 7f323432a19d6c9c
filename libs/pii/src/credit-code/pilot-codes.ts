/**
 * Codes issued during the 2015 roll-out whose printed check character does not
 * match the GB 32100 formula, yet which registries still show as the entity's
 * code. They are accepted with a `CHECK_DIGIT_PILOT` warning instead of being
 * refused, so that a real business is not locked out of onboarding.
 *
 * Deliberately an explicit list of full codes, not a pattern: a pattern (say,
 * "any code from region X") would also let typos through. The built-in list is
 * empty because no authoritative public list exists; an entry is added only
 * with evidence that the registry shows that exact code (record the ticket in a
 * comment next to it). Deployments can pass extra codes via `pilotCodes`.
 */
export const KNOWN_PILOT_CODES: ReadonlySet<string> = new Set<string>([]);
