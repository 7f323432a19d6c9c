/** Mainland mobile numbers: 11 digits, 13x-19x. */
export function isMainlandMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}
