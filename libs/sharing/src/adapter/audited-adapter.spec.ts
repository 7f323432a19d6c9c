import { DomainError } from '#libs/errors';
import { createLogger } from '#libs/observability';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireResponse } from '../http/http-transport.js';
import { buildRegistry } from '../registry/load-recipient-registry.js';
import type { Recipient } from '../registry/recipient.js';
import { AuditedAdapter, type AdapterDependencies } from './audited-adapter.js';
import type { Interpretation } from './disclosure-outcome.js';
import type { DisclosureAuthority } from './privacy-port.js';

/** A recipient that records exactly what arrives and answers as told. */
let server: Server;
let baseUrl = '';
const received: Array<Record<string, unknown>> = [];
let answer: (request: IncomingMessage) => { status: number; body: unknown; delayMs?: number } = () => ({ status: 200, body: { Result: '0' } });

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      received.push(JSON.parse(text) as Record<string, unknown>);
      const { status, body, delayMs } = answer(request);
      setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)), delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => {
  received.length = 0;
  answer = () => ({ status: 200, body: { Result: '0' } });
});

function recipient(overrides: Partial<Recipient['endpoint']> = {}): Recipient {
  return {
    id: 'id-authority',
    legalEntity: 'Test authority',
    country: 'CN',
    endpoint: { kind: 'http', url: `${baseUrl}/verify`, timeoutMs: 500, idempotent: false, ...overrides },
    fieldMap: { name: 'Name', id_number: 'IdCard' },
    purposes: [{ purpose: 'real_name_verification', legalBasis: 'CONSENT', fields: ['name', 'id_number'] }],
  };
}

type Authority = DisclosureAuthority & { authorized: unknown[]; completed: Array<Record<string, unknown>> };

function authority(behaviour: 'allow' | 'refuse' | 'down' = 'allow'): Authority {
  const state: Authority = {
    authorized: [],
    completed: [],
    async authorizeDisclosure(request) {
      if (behaviour === 'down') throw Object.assign(new Error('14 UNAVAILABLE'), { code: 14, details: 'No connection', metadata: { get: () => [] } });
      if (behaviour === 'refuse') throw new DomainError('CONSENT_REQUIRED', 'Consent for real_name_verification is required');
      state.authorized.push(request);
      return { disclosureId: `d-${state.authorized.length}`, legalBasis: 'CONSENT', fields: request.fields };
    },
    async completeDisclosure(request) {
      state.completed.push(request as unknown as Record<string, unknown>);
      return {};
    },
  };
  return state;
}

class IdCheckAdapter extends AuditedAdapter<{ name?: string; id_number?: string; phone?: string }, string> {
  readonly recipientId = 'id-authority';
  readonly purpose = 'real_name_verification' as const;
  protected interpret(response: WireResponse): Interpretation<string> {
    const result = (response.body as { Result: string }).Result;
    return { result, outcome: 'DELIVERED', billed: result === '0', resultCode: result };
  }
}

function adapter(privacy: Authority, endpoint: Partial<Recipient['endpoint']> = {}): IdCheckAdapter {
  const deps: AdapterDependencies = {
    privacy,
    registry: buildRegistry([recipient(endpoint)]),
    requestedBy: 'identity',
    logger: createLogger({ app: 'test', level: 'silent' }),
  };
  return new IdCheckAdapter(deps);
}

describe('AuditedAdapter', () => {
  it('authorises first, sends exactly the authorised fields under their wire names, and records the outcome', async () => {
    const privacy = authority();
    await expect(adapter(privacy).send('user-1', { name: '张伟', id_number: '11010519491231002X' }, { references: { id_number_bidx: 'ab' } })).resolves.toBe(
      '0',
    );
    expect(received).toEqual([{ Name: '张伟', IdCard: '11010519491231002X' }]);
    expect(privacy.authorized).toEqual([
      {
        subjectId: 'user-1',
        recipientId: 'id-authority',
        purpose: 'real_name_verification',
        fields: ['name', 'id_number'],
        requestedBy: 'identity',
        references: { id_number_bidx: 'ab' },
      },
    ]);
    expect(privacy.completed).toEqual([expect.objectContaining({ disclosureId: 'd-1', outcome: 'DELIVERED', billed: true, resultCode: '0' })]);
  });

  it('fails loudly on a field the registry does not allow, before asking or sending anything', async () => {
    const privacy = authority();
    await expect(adapter(privacy).send('user-1', { name: '张伟', id_number: '11010519491231002X', phone: '13812345678' })).rejects.toThrow(
      /Programming error.*phone/,
    );
    expect(privacy.authorized).toEqual([]);
    expect(received).toEqual([]);
  });

  it('sends nothing when the privacy service refuses', async () => {
    await expect(adapter(authority('refuse')).send('user-1', { name: '张伟', id_number: '11010519491231002X' })).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
    });
    expect(received).toEqual([]);
  });

  it('fails closed when the privacy service is unreachable', async () => {
    await expect(adapter(authority('down')).send('user-1', { name: '张伟', id_number: '11010519491231002X' })).rejects.toMatchObject({
      code: 'PRIVACY_UNAVAILABLE',
    });
    expect(received).toEqual([]);
  });

  it('does not retry a non-idempotent call that failed at the recipient, and records it as unavailable', async () => {
    answer = () => ({ status: 503, body: {} });
    const privacy = authority();
    await expect(adapter(privacy).send('user-1', { name: '张伟', id_number: '11010519491231002X' })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      reason: 'SERVER_ERROR',
      disclosureId: 'd-1',
    });
    expect(received).toHaveLength(1);
    expect(privacy.completed).toEqual([expect.objectContaining({ outcome: 'UNAVAILABLE', billed: false, resultCode: 'SERVER_ERROR' })]);
  });

  it('retries an idempotent call, boundedly', async () => {
    answer = () => ({ status: 503, body: {} });
    await expect(adapter(authority(), { idempotent: true }).send('user-1', { name: '张伟', id_number: '11010519491231002X' })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(received).toHaveLength(3);
  });

  it('times out a recipient that does not answer, without retrying a billable call', async () => {
    answer = () => ({ status: 200, body: { Result: '0' }, delayMs: 2000 });
    const privacy = authority();
    await expect(adapter(privacy, { timeoutMs: 200 }).send('user-1', { name: '张伟', id_number: '11010519491231002X' })).rejects.toMatchObject({
      reason: 'TIMEOUT',
    });
    expect(received).toHaveLength(1);
    expect(privacy.completed[0]).toMatchObject({ outcome: 'UNAVAILABLE', resultCode: 'TIMEOUT' });
  });

  it('reports a rate-limited recipient as unavailable, not as an answer', async () => {
    answer = () => ({ status: 429, body: {} });
    await expect(adapter(authority()).send('user-1', { name: '张伟', id_number: '11010519491231002X' })).rejects.toMatchObject({
      code: 'UPSTREAM_RATE_LIMITED',
    });
  });

  it('opens its circuit after repeated failures and then fails fast without authorising', async () => {
    answer = () => ({ status: 503, body: {} });
    const privacy = authority();
    const subject = adapter(privacy);
    for (let i = 0; i < 12; i++) await subject.send('user-1', { name: '张伟', id_number: '11010519491231002X' }).catch(() => undefined);
    const before = privacy.authorized.length;
    await expect(subject.send('user-1', { name: '张伟', id_number: '11010519491231002X' })).rejects.toMatchObject({ reason: 'CIRCUIT_OPEN' });
    expect(privacy.authorized.length).toBe(before);
    await subject.close();
  });
});
