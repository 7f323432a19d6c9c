import { generateDevCertificates, type DevCertificates } from '#libs/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRecipientRegistry } from './load-recipient-registry.js';

let dir = '';
let certs: DevCertificates;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'registry-ca-'));
  certs = await generateDevCertificates(['recipient'], 'throwaway recipient CA');
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const registry = (endpoint: string): string =>
  write(
    `recipients-${Math.random().toString(36).slice(2)}.yaml`,
    `
version: 1
recipients:
  - id: acme
    legal_entity: Acme
    country: CN
    endpoint: ${endpoint}
    purposes:
      - { purpose: real_name_verification, legal_basis: CONSENT, fields: [name, id_number] }
`,
  );

describe('loadRecipientRegistry: a recipient ca_file', () => {
  it('reads the CA once, at load, and keeps its certificates for the transport', () => {
    const caFile = write('ca.pem', `# comment before the certificate\n${certs.ca.cert}`);
    const endpoint = loadRecipientRegistry(registry(`{ kind: http, url: "https://acme.example/x", ca_file: "${caFile}" }`), {}).find('acme')!.endpoint;
    expect(endpoint.caFile).toBe(caFile);
    expect(endpoint.ca).toBe(certs.ca.cert.trimEnd() + '\n');
  });

  it('accepts a bundle of several certificates', () => {
    const caFile = write('bundle.pem', `${certs.ca.cert}${certs.leaves['recipient']!.cert}`);
    const endpoint = loadRecipientRegistry(registry(`{ kind: http, url: "https://acme.example/x", ca_file: "${caFile}" }`), {}).find('acme')!.endpoint;
    expect(endpoint.ca?.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });

  it('trusts the public CAs when no ca_file is set, or when ${VAR:-} leaves it empty', () => {
    expect(loadRecipientRegistry(registry('{ kind: http, url: "https://acme.example/x" }'), {}).find('acme')!.endpoint.ca).toBeUndefined();
    const fromEnv = registry('{ kind: http, url: "https://acme.example/x", ca_file: "${ACME_CA_FILE:-}" }');
    const endpoint = loadRecipientRegistry(fromEnv, {}).find('acme')!.endpoint;
    expect([endpoint.caFile, endpoint.ca]).toEqual([undefined, undefined]);
  });

  it('stops the boot, naming the recipient and file, when the ca_file is missing', () => {
    const missing = join(dir, 'nowhere.pem');
    expect(() => loadRecipientRegistry(registry(`{ kind: http, url: "https://acme.example/x", ca_file: "${missing}" }`), {})).toThrow(
      `recipient acme: ca_file ${missing} does not exist`,
    );
  });

  it('stops the boot when the ca_file is not a PEM certificate', () => {
    const key = write('key.pem', certs.ca.key);
    expect(() => loadRecipientRegistry(registry(`{ kind: http, url: "https://acme.example/x", ca_file: "${key}" }`), {})).toThrow(
      /recipient acme: ca_file .*key\.pem is not a PEM certificate/,
    );
    const garbled = write('garbled.pem', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    expect(() => loadRecipientRegistry(registry(`{ kind: http, url: "https://acme.example/x", ca_file: "${garbled}" }`), {})).toThrow(
      /recipient acme: ca_file .*garbled\.pem is not a PEM certificate/,
    );
  });

  it('refuses a ca_file on a dynamic endpoint, whose merchant-supplied receivers stay on public CAs', () => {
    const caFile = write('ca.pem', certs.ca.cert);
    expect(() => loadRecipientRegistry(registry(`{ kind: dynamic, ca_file: "${caFile}" }`), {})).toThrow(
      /acme: ca_file applies to http endpoints only, not dynamic/,
    );
  });
});
