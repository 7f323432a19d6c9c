import { createLogger } from '#libs/observability';
import { generateDevCertificates, type DevCertificates } from '#libs/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireResponse } from '../http/http-transport.js';
import { loadRecipientRegistry } from '../registry/load-recipient-registry.js';
import { AuditedAdapter } from './audited-adapter.js';
import type { Interpretation } from './disclosure-outcome.js';
import type { DisclosureAuthority } from './privacy-port.js';

/** A recipient on HTTPS whose certificate a throwaway private CA issued; it records what arrives. */
let server: Server;
let baseUrl = '';
let dir = '';
let certs: DevCertificates;
let stranger: DevCertificates;
const received: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  [certs, stranger] = await Promise.all([generateDevCertificates(['recipient'], 'throwaway recipient CA'), generateDevCertificates([], 'some other CA')]);
  dir = mkdtempSync(join(tmpdir(), 'recipient-ca-'));
  writeFileSync(join(dir, 'recipient-ca.pem'), certs.ca.cert);
  writeFileSync(join(dir, 'other-ca.pem'), stranger.ca.cert);
  server = createServer({ cert: certs.leaves['recipient']!.cert, key: certs.leaves['recipient']!.key }, (request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      received.push(JSON.parse(text) as Record<string, unknown>);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Result: '0' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  received.length = 0;
});

/** The registry as an app loads it at boot, with or without a ca_file line. */
function registryFile(caFile?: string): string {
  const file = join(dir, `recipients-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    `
version: 1
recipients:
  - id: id-authority
    legal_entity: Test authority
    country: CN
    endpoint:
      kind: http
      url: ${baseUrl}/verify
      timeout_ms: 2000
      idempotent: false${caFile ? `\n      ca_file: ${caFile}` : ''}
    field_map: { name: Name, id_number: IdCard }
    purposes:
      - { purpose: real_name_verification, legal_basis: CONSENT, fields: [name, id_number] }
`,
  );
  return file;
}

type Authority = DisclosureAuthority & { completed: Array<Record<string, unknown>> };

function authority(): Authority {
  const state: Authority = {
    completed: [],
    async authorizeDisclosure(request) {
      return { disclosureId: 'd-1', legalBasis: 'CONSENT', fields: request.fields };
    },
    async completeDisclosure(request) {
      state.completed.push(request as unknown as Record<string, unknown>);
      return {};
    },
  };
  return state;
}

class IdCheckAdapter extends AuditedAdapter<{ name?: string; id_number?: string }, string> {
  readonly recipientId = 'id-authority';
  readonly purpose = 'real_name_verification' as const;
  protected interpret(response: WireResponse): Interpretation<string> {
    const result = (response.body as { Result: string }).Result;
    return { result, outcome: 'DELIVERED', billed: result === '0', resultCode: result };
  }
}

async function sendThrough(privacy: Authority, caFile?: string): Promise<string> {
  const adapter = new IdCheckAdapter({
    privacy,
    registry: loadRecipientRegistry(registryFile(caFile), {}),
    requestedBy: 'identity',
    logger: createLogger({ app: 'test', level: 'silent' }),
  });
  try {
    return await adapter.send('user-1', { name: '张伟', id_number: '11010519491231002X' });
  } finally {
    await adapter.close();
  }
}

describe('AuditedAdapter over HTTPS with a private CA', () => {
  it("delivers to a recipient whose certificate the registry's ca_file issued", async () => {
    const privacy = authority();
    await expect(sendThrough(privacy, join(dir, 'recipient-ca.pem'))).resolves.toBe('0');
    expect(received).toEqual([{ Name: '张伟', IdCard: '11010519491231002X' }]);
    expect(privacy.completed).toEqual([expect.objectContaining({ disclosureId: 'd-1', outcome: 'DELIVERED', billed: true })]);
  });

  it('refuses the private certificate without a ca_file (public CAs only), as an unreachable recipient', async () => {
    const privacy = authority();
    await expect(sendThrough(privacy)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'UNREACHABLE', disclosureId: 'd-1' });
    expect(received).toEqual([]);
    expect(privacy.completed).toEqual([expect.objectContaining({ disclosureId: 'd-1', outcome: 'UNAVAILABLE', billed: false, resultCode: 'UNREACHABLE' })]);
  });

  it('trusts only the configured CA: a ca_file of another CA fails the same way', async () => {
    const privacy = authority();
    await expect(sendThrough(privacy, join(dir, 'other-ca.pem'))).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'UNREACHABLE' });
    expect(received).toEqual([]);
    expect(privacy.completed).toEqual([expect.objectContaining({ outcome: 'UNAVAILABLE' })]);
  });
});
