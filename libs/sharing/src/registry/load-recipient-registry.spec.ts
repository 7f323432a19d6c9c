import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecipientRegistry } from './load-recipient-registry.js';

const REPO_REGISTRY = new URL('../../../../config/recipients.yaml', import.meta.url).pathname;

function write(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'registry-')), 'recipients.yaml');
  writeFileSync(file, yaml);
  return file;
}

const valid = (overrides = ''): string => `
version: 1
recipients:
  - id: acme
    legal_entity: Acme
    country: ${overrides || 'CN'}
    endpoint: { kind: http, url: "\${ACME_URL:-http://127.0.0.1:1}/x" }
    purposes:
      - { purpose: real_name_verification, legal_basis: CONSENT, fields: [name, id_number] }
`;

describe('loadRecipientRegistry', () => {
  it('loads the checked-in registry with every recipient the system needs', () => {
    const registry = loadRecipientRegistry(REPO_REGISTRY, {});
    expect(registry.recipients.map((recipient) => recipient.id).sort()).toEqual(
      ['account-verifier', 'card-network', 'data-subject', 'face-vendor', 'id-authority', 'merchant-webhook', 'regulator-report'].sort(),
    );
    expect(registry.rule('id-authority', 'real_name_verification')?.fields).toEqual(['name', 'id_number']);
    expect(registry.rule('id-authority', 'merchant_onboarding')?.legalBasis).toBe('LEGAL_OBLIGATION');
  });

  it('substitutes environment variables and their defaults', () => {
    const file = write(valid());
    expect(loadRecipientRegistry(file, {}).find('acme')?.endpoint.url).toBe('http://127.0.0.1:1/x');
    expect(loadRecipientRegistry(file, { ACME_URL: 'https://acme.example' }).find('acme')?.endpoint.url).toBe('https://acme.example/x');
  });

  it('refuses unknown purposes, bad legal bases, and CONSENT for a non-consent purpose', () => {
    expect(() => loadRecipientRegistry(write(valid().replace('real_name_verification', 'selling_data')), {})).toThrow(/purpose/);
    expect(() => loadRecipientRegistry(write(valid().replace('legal_basis: CONSENT', 'legal_basis: BECAUSE')), {})).toThrow(/legal_basis/);
    expect(() => loadRecipientRegistry(write(valid().replace('real_name_verification', 'regulatory_reporting')), {})).toThrow(/not a consent purpose/);
  });

  it('refuses a transfer abroad that does not rest on consent', () => {
    const abroad = valid('SG').replace('legal_basis: CONSENT', 'legal_basis: LEGAL_OBLIGATION');
    expect(() => loadRecipientRegistry(write(abroad), {})).toThrow(/abroad must rest on consent/);
  });

  it('names a missing variable that has no default', () => {
    expect(() => loadRecipientRegistry(write(valid().replace(':-http://127.0.0.1:1', '')), {})).toThrow(/ACME_URL/);
  });
});
