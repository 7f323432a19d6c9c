import type { Needle } from '#libs/testing';
import { readFileSync } from 'node:fs';
import { loadSandboxFixtures } from '../../apps/sandbox-verifiers/src/fixtures/index.js';

/**
 * Every piece of synthetic personal data the e2e specs can send: names, ID
 * numbers, cards, settlement accounts, phones, and the face photos (their first bytes, raw and as
 * base64). None of it may be found in clear in the database or the logs.
 */
export function fixtureNeedles(): Needle[] {
  const fixtures = loadSandboxFixtures();
  const needles: Needle[] = [];
  for (const person of fixtures.people) {
    needles.push({ label: `${person.key} name`, value: person.name });
    needles.push({ label: `${person.key} id_number`, value: person.idNumber });
    needles.push({ label: `${person.key} phone`, value: person.phone });
    if (person.bankCard) needles.push({ label: `${person.key} card`, value: person.bankCard });
  }
  for (const card of fixtures.cards) needles.push({ label: `card ${card.number.slice(0, 6)}…`, value: card.number });
  for (const account of fixtures.accounts) needles.push({ label: `settlement account ${account.key}`, value: account.number });
  for (const photo of fixtures.photos) {
    const bytes = readFileSync(photo.path);
    needles.push({ label: `photo ${photo.file} (base64)`, value: bytes.subarray(0, 48).toString('base64') });
    needles.push({ label: `photo ${photo.file} (bytes as hex)`, value: bytes.subarray(0, 48).toString('hex') });
  }
  // Single-character names would match everywhere; they are still checked inside longer needles above.
  return needles.filter((needle) => needle.value.length >= 2);
}
