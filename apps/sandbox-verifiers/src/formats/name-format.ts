/**
 * What the authority accepts as a resident's name: 2-30 Han characters, with
 * the middle dot of transliterated minority names (阿依古丽·买买提) only
 * between characters. Names are compared exactly, never normalised.
 */
const NAME = /^\p{Script=Han}(?:\p{Script=Han}|[·•・](?=\p{Script=Han})){0,28}\p{Script=Han}$/u;

export function isResidentName(value: string): boolean {
  return NAME.test(value);
}
