import { DomainError } from '#libs/errors';
import { createLogger } from '#libs/observability';
import { createPiiVault, findPlaintextPii } from '#libs/pii';
import { loadRecipientRegistry, type DisclosureAuthority, type RecipientRegistry } from '#libs/sharing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSandboxConfig } from '../../../../sandbox-verifiers/src/config/sandbox.config.js';
import { loadSandboxFixtures, type SandboxPerson } from '../../../../sandbox-verifiers/src/fixtures/index.js';
import { startSandbox, type RunningSandbox } from '../../../../sandbox-verifiers/src/start-sandbox.js';
import type { UpstreamAnswer } from '../../sessions/verdict.js';
import { AdapterDependencyFactory, CardNetworkVerifier, FaceVendorVerifier, IdAuthorityVerifier } from './upstream-verifiers.js';

const fixtures = loadSandboxFixtures();
const REGISTRY_FILE = new URL('../../../../../config/recipients.yaml', import.meta.url).pathname;
const vault = createPiiVault({
  encryptionKeys: { t1: randomBytes(32).toString('base64') },
  currentKeyId: 't1',
  blindIndexKey: randomBytes(32).toString('base64'),
});

/** A privacy service stand-in that authorises everything (or refuses) and remembers what it was asked. */
function privacy(refuse = false) {
  const authorized: Array<{ recipientId: string; purpose: string; fields: string[]; references: Record<string, string>; requestedBy: string }> = [];
  const completed: Array<{ outcome: string; billed: boolean; resultCode?: string }> = [];
  const authority: DisclosureAuthority = {
    async authorizeDisclosure(request) {
      if (refuse) throw new DomainError('CONSENT_REQUIRED', `Consent for ${request.purpose} is required`);
      authorized.push(request);
      return { disclosureId: `d-${authorized.length}`, legalBasis: 'CONSENT', fields: request.fields };
    },
    async completeDisclosure(request) {
      completed.push(request);
      return {};
    },
  };
  return { authority, authorized, completed };
}

// What each sandbox answer must become, from the sandbox README's tables.
const ID_ANSWERS: Record<string, Partial<UpstreamAnswer>> = {
  '0': { result: 'MATCH' },
  '-1': { result: 'MISMATCH', reasonCode: 'NAME_MISMATCH' },
  '-5': { result: 'NO_RECORD', reasonCode: 'ID_NO_RECORD' },
};
const FACE_ANSWERS: Record<string, Partial<UpstreamAnswer>> = {
  Success: { result: 'MATCH' },
  'FailedOperation.LivessDetectFail': { result: 'REJECTED', reasonCode: 'LIVENESS_FAILED', livenessVerdict: 'FAIL' },
  'FailedOperation.CompareLowSimilarity': { result: 'MISMATCH', reasonCode: 'FACE_MISMATCH' },
  'FailedOperation.IdNameMisMatch': { result: 'MISMATCH', reasonCode: 'NAME_MISMATCH' },
  'FailedOperation.IdNoExistSystem': { result: 'NO_RECORD', reasonCode: 'ID_NO_RECORD' },
};
const CARD_ANSWERS: Record<string, Partial<UpstreamAnswer>> = {
  '0': { result: 'MATCH' },
  '-1': { result: 'MISMATCH', reasonCode: 'CARD_MISMATCH' },
  '-6': { result: 'MISMATCH', reasonCode: 'PHONE_MISMATCH' },
  '-7': { result: 'REJECTED', reasonCode: 'CARD_NOT_ENABLED' },
  '-9': { result: 'NO_RECORD', reasonCode: 'CARD_NO_RECORD' },
  '-13': { result: 'REJECTED', reasonCode: 'CARD_LOST' },
  '-14': { result: 'REJECTED', reasonCode: 'CARD_EXPIRED' },
};

type Expected = SandboxPerson['expected']['idCardVerification'];

async function expectAnswer(call: Promise<UpstreamAnswer>, expected: Expected, table: Record<string, Partial<UpstreamAnswer>>): Promise<void> {
  if (expected.status === 200) {
    await expect(call).resolves.toMatchObject({ ...table[expected.result], billed: expected.billed });
  } else {
    await expect(call).rejects.toMatchObject({ code: expected.status === 429 ? 'UPSTREAM_RATE_LIMITED' : 'UPSTREAM_UNAVAILABLE' });
  }
}

describe('verifier adapters against the sandbox', () => {
  let sandbox: RunningSandbox;
  let registry: RecipientRegistry;
  beforeAll(async () => {
    // No rate limit here (every person is checked three times), and a quick "timeout" fixture (answered 504).
    sandbox = await startSandbox(
      loadSandboxConfig({
        SANDBOX_PORT: '0',
        SANDBOX_LATENCY_MS: '0',
        SANDBOX_RATE_LIMIT_PER_MINUTE: '0',
        SANDBOX_TIMEOUT_DELAY_MS: '20',
        LOG_LEVEL: 'silent',
      }),
    );
    registry = loadRecipientRegistry(REGISTRY_FILE, { SANDBOX_BASE_URL: sandbox.url });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => fetch(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' }));

  const verifiers = (authority: DisclosureAuthority) => {
    const factory = new AdapterDependencyFactory({ privacy: authority, registry, logger: createLogger({ app: 'test', level: 'silent' }) });
    return { id: new IdAuthorityVerifier(factory, vault), face: new FaceVendorVerifier(factory, vault), card: new CardNetworkVerifier(factory, vault) };
  };

  it.each(fixtures.people.map((person) => [person.key, person] as const))(
    'reads every answer for %s as the fixtures expect, billing included',
    async (_, person) => {
      const { id, face, card } = verifiers(privacy().authority);
      const identity = { name: person.name, idNumber: person.idNumber };
      await expectAnswer(id.verify('user-1', identity, 'real_name_verification', 'identity'), person.expected.idCardVerification, ID_ANSWERS);
      const image = Buffer.from(fixtures.photoBase64(person.selfie), 'base64');
      await expectAnswer(
        face.verify('user-1', { identity, image, sha256: 'ab'.repeat(32), livenessScore: person.livenessScore }),
        person.expected.imageRecognition,
        FACE_ANSWERS,
      );
      if (person.bankCard && person.expected.bankCard4eVerification) {
        await expectAnswer(
          card.verify('user-1', identity, { cardNumber: person.bankCard, phone: person.phone }),
          person.expected.bankCard4eVerification,
          CARD_ANSWERS,
        );
      }
      await Promise.all([id, face, card].map((verifier) => verifier.onApplicationShutdown()));
    },
  );

  it("sends each recipient exactly the registry's fields for the purpose, under their wire names", async () => {
    const { id, face, card } = verifiers(privacy().authority);
    const person = fixtures.person('p01-happy');
    const identity = { name: person.name, idNumber: person.idNumber };
    await id.verify('user-1', identity, 'real_name_verification', 'identity');
    await id.verify('merchant-1', identity, 'merchant_onboarding', 'merchant');
    await face.verify('user-1', { identity, image: Buffer.from(fixtures.photoBase64(person.selfie), 'base64'), sha256: 'ab'.repeat(32), livenessScore: 96 });
    await card.verify('user-1', identity, { cardNumber: person.bankCard!, phone: person.phone });
    const { requests } = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { requests: Array<{ endpoint: string; fields: string[] }> };
    const wireNames = (recipientId: string, purpose: string): string[] => {
      const recipient = registry.find(recipientId)!;
      return registry
        .rule(recipientId, purpose)!
        .fields.map((field) => recipient.fieldMap[field] ?? field)
        .sort();
    };
    const byEndpoint = (suffix: string) => requests.filter((request) => request.endpoint.endsWith(suffix)).map((request) => [...request.fields].sort());
    expect(byEndpoint('id-card-verification')).toEqual([wireNames('id-authority', 'real_name_verification'), wireNames('id-authority', 'merchant_onboarding')]);
    expect(byEndpoint('image-recognition')).toEqual([wireNames('face-vendor', 'face_verification')]);
    expect(byEndpoint('bank-card-4e-verification')).toEqual([wireNames('card-network', 'bank_card_verification')]);
  });

  it('records disclosures under the asking service, with blind-index references the privacy service accepts', async () => {
    const recorder = privacy();
    const { id, card } = verifiers(recorder.authority);
    const person = fixtures.person('p01-happy');
    await id.verify('merchant-1', { name: person.name, idNumber: person.idNumber }, 'merchant_onboarding', 'merchant');
    await card.verify('user-1', { name: person.name, idNumber: person.idNumber }, { cardNumber: person.bankCard!, phone: person.phone });
    expect(recorder.authorized.map(({ recipientId, purpose, requestedBy }) => ({ recipientId, purpose, requestedBy }))).toEqual([
      { recipientId: 'id-authority', purpose: 'merchant_onboarding', requestedBy: 'merchant' },
      { recipientId: 'card-network', purpose: 'bank_card_verification', requestedBy: 'identity' },
    ]);
    const references = recorder.authorized[1]!.references;
    expect(Object.keys(references).sort()).toEqual(['card_number_bidx', 'id_number_bidx', 'phone_bidx']);
    expect(findPlaintextPii(references)).toEqual([]);
    expect(JSON.stringify(references)).not.toContain(person.idNumber);
    expect(recorder.completed).toEqual([
      expect.objectContaining({ outcome: 'DELIVERED', billed: true, resultCode: '0' }),
      expect.objectContaining({ outcome: 'DELIVERED', billed: true }),
    ]);
  });

  it('sends nothing when the privacy service refuses', async () => {
    const { id } = verifiers(privacy(true).authority);
    const person = fixtures.person('p01-happy');
    await expect(id.verify('user-1', { name: person.name, idNumber: person.idNumber }, 'real_name_verification', 'identity')).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
    });
    const { counts } = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { counts: Record<string, number> };
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(0);
  });

  it('reads a refused image as FACE_IMAGE_INVALID, unbilled', async () => {
    const recorder = privacy();
    const { face } = verifiers(recorder.authority);
    const person = fixtures.person('p01-happy');
    // Starts and ends like a JPEG (so it passes our own check) but has no frame: the vendor refuses it.
    const fake = Buffer.from('ffd8ffe000104a46494600ffd9', 'hex');
    await expect(
      face.verify('user-1', { identity: { name: person.name, idNumber: person.idNumber }, image: fake, sha256: 'ab'.repeat(32), livenessScore: 90 }),
    ).resolves.toEqual({
      result: 'REJECTED',
      reasonCode: 'FACE_IMAGE_INVALID',
      billed: false,
    });
    expect(recorder.completed).toEqual([expect.objectContaining({ outcome: 'REJECTED_BY_RECIPIENT', billed: false })]);
  });
});
