import { randomBytes, randomUUID } from 'node:crypto';
import { loadSandboxFixtures } from '../../../apps/sandbox-verifiers/src/fixtures/index.js';

export interface Answer {
  /** The HTTP status; -1 when no answer came within the deadline, 0 when the connection failed. */
  status: number;
  body: Record<string, unknown>;
  /** The response's content type ('' when there was no response). */
  contentType: string;
  ms: number;
}

/** Reads a response whatever it holds: JSON (problem+json included) is parsed, anything else kept as text, so the real status always survives. */
async function answerOf(response: Response, started: number): Promise<Answer> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (text) {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { unparsed: text.slice(0, 200) };
    }
  }
  return { status: response.status, body, contentType: response.headers.get('content-type') ?? '', ms: Date.now() - started };
}

/** What a request that got no HTTP answer at all is recorded as. */
function noAnswer(error: unknown, started: number): Answer {
  return { status: (error as Error).name === 'TimeoutError' ? -1 : 0, body: { error: (error as Error).message }, contentType: '', ms: Date.now() - started };
}

/** JSON over HTTP to one gateway, with a deadline: a request that hangs is a finding, not a stuck test. */
export function gateway(baseUrl: string) {
  return async (method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const started = Date.now();
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      return await answerOf(response, started);
    } catch (error) {
      return noAnswer(error, started);
    }
  };
}

export type Gateway = ReturnType<typeof gateway>;

/** The signals a payment app sends for one phone. */
export function device(): Record<string, unknown> {
  return {
    platform: 'android',
    app_instance_id: randomUUID(),
    oaid: randomBytes(16).toString('hex'),
    manufacturer: 'Xiaomi',
    model: '23049RAD8C',
    os_version: '14',
    app_version: '8.2.1',
    timezone: 'Asia/Shanghai',
    language: 'zh-CN',
  };
}

/** A device-risk assessment as a user; acknowledged = the decision id. */
export async function assess(call: Gateway, token: string, subjectId: string): Promise<Answer & { acknowledged?: string }> {
  const answer = await call('POST', '/v1/risk/assessments', token, { event_type: 'LOGIN', subject_id: subjectId, device: device(), ip: '10.9.8.7' });
  return { ...answer, ...(answer.status === 200 ? { acknowledged: answer.body['decision_id'] as string } : {}) };
}

const fixtures = loadSandboxFixtures();
const HAPPY = fixtures.people.filter((person) => person.key.includes('happy'));

/** A new user who consents, opens a session and passes the ID factor as a happy fixture person; acknowledged = the session id with a MATCH. */
export async function kycIdentity(call: Gateway, newUser: () => Promise<string>, sequence: number): Promise<Answer & { acknowledged?: string }> {
  const person = HAPPY[sequence % HAPPY.length]!;
  const token = await newUser();
  const consent = await call('POST', '/v1/me/consents', token, { purpose: 'real_name_verification', policy_version: '2026-10', channel: 'app' });
  if (consent.status !== 201) return consent;
  const session = await call('POST', '/v1/kyc/sessions', token, { target_level: 'L1' });
  if (session.status !== 201) return session;
  const id = session.body['id'] as string;
  const factor = await call(
    'POST',
    `/v1/kyc/sessions/${id}/identity`,
    token,
    { name: person.name, id_number: person.idNumber },
    { 'idempotency-key': `fault-${id}` },
  );
  return { ...factor, ...(factor.status === 200 && factor.body['result'] === 'MATCH' ? { acknowledged: id } : {}) };
}

export const CONSENTS = ['real_name_verification', 'face_verification', 'bank_card_verification'];

export async function grantConsents(call: Gateway, token: string, purposes = CONSENTS): Promise<void> {
  for (const purpose of purposes) {
    const answer = await call('POST', '/v1/me/consents', token, { purpose, policy_version: '2026-10', channel: 'app' });
    if (answer.status !== 201) throw new Error(`consent ${purpose}: ${answer.status}`);
  }
}

const INDIVIDUAL_ACCOUNTS = fixtures.accounts.filter(
  (account) =>
    account.holderKind === 'individual' && account.person && account.expected.status === 200 && 'result' in account.expected && account.expected.result === '0',
);
const JPEG = (): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF fault ${randomUUID()}`), Buffer.from([0xff, 0xd9])]);

/** A complete individual merchant application, uploaded and submitted; acknowledged = the application id once submitted. */
export async function merchantSubmit(baseUrl: string, call: Gateway, token: string, sequence: number): Promise<Answer & { acknowledged?: string }> {
  const account = INDIVIDUAL_ACCOUNTS[sequence % INDIVIDUAL_ACCOUNTS.length]!;
  const person = fixtures.person(account.person!);
  /** The document id, or the upload's own answer when it was refused or failed (its real status and code). */
  const upload = async (kind: string): Promise<string | Answer> => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([JPEG()], { type: 'image/jpeg' }), 'photo.jpg');
    const started = Date.now();
    try {
      const response = await fetch(`${baseUrl}/v1/merchant/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
        signal: AbortSignal.timeout(20_000),
      });
      const answer = await answerOf(response, started);
      return answer.status === 201 && typeof answer.body['id'] === 'string' ? answer.body['id'] : answer;
    } catch (error) {
      return noAnswer(error, started);
    }
  };
  const documents: string[] = [];
  for (const kind of ['ID_PHOTO_FRONT', 'ID_PHOTO_BACK', 'STORE_PHOTO']) {
    const uploaded = await upload(kind);
    if (typeof uploaded !== 'string') return { ...uploaded, body: { ...uploaded.body, stage: `document ${kind}` } };
    documents.push(uploaded);
  }
  const [front, back, store] = documents;
  const created = await call('POST', '/v1/merchant/applications', token, {
    business_code: `fault-${randomUUID()}`,
    type: 'INDIVIDUAL',
    owner: { name: person.name, id_number: person.idNumber, phone: person.phone, id_photo_front_document_id: front, id_photo_back_document_id: back },
    settlement_account: { bank_name: account.bank, account_name: account.givenName, account_number: account.number },
    store: { name: '故障演练小店', address: '北京市朝阳区建国路 88 号', photo_document_id: store },
  });
  if (created.status !== 201) return created;
  const id = created.body['id'] as string;
  const submitted = await call('POST', `/v1/merchant/applications/${id}/submit`, token, {}, { 'idempotency-key': `fault-submit-${id}` });
  return { ...submitted, ...(submitted.status === 200 ? { acknowledged: id } : {}) };
}
