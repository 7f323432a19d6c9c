import { Writable } from 'node:stream';
import type { Env } from '#libs/config';
import { createLogger } from '#libs/observability';
import { loadSandboxConfig } from '../config/sandbox.config.js';
import type { FixtureAccountJson } from '../fixtures/fixture-types.js';
import { loadSandboxFixtures, type SandboxPerson } from '../fixtures/load-sandbox-fixtures.js';
import { BANK_ACCOUNT_VERIFICATION, BANK_CARD_4E_VERIFICATION, ID_CARD_VERIFICATION, IMAGE_RECOGNITION } from '../front-door/verifier-endpoints.js';
import { Chance } from '../runtime/chance.js';
import { Clock } from '../runtime/clock.js';
import { startSandbox, type RunningSandbox } from '../start-sandbox.js';

export const fixtures = loadSandboxFixtures();
export const ID_PATH = ID_CARD_VERIFICATION.path;
export const FACE_PATH = IMAGE_RECOGNITION.path;
export const CARD_PATH = BANK_CARD_4E_VERIFICATION.path;
export const ACCOUNT_PATH = BANK_ACCOUNT_VERIFICATION.path;

/** A clock that only moves when told to. */
export class ManualClock extends Clock {
  constructor(private at = Date.parse('2026-03-01T08:00:00Z')) {
    super();
  }

  now(): number {
    return this.at;
  }

  advance(ms: number): void {
    this.at += ms;
  }
}

/** Always draws the same number. */
export class FixedChance extends Chance {
  constructor(private readonly value: number) {
    super();
  }

  next(): number {
    return this.value;
  }
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON; `any` because tests read envelopes of several shapes. */
  // oxlint-disable-next-line typescript/no-explicit-any
  body: any;
}

export interface TestSandbox extends RunningSandbox {
  /** Every log line the sandbox wrote, raw JSON text. */
  logs: string[];
  post(path: string, body: unknown): Promise<HttpAnswer>;
  postRaw(path: string, body: string | Uint8Array, contentType?: string): Promise<HttpAnswer>;
  get(path: string): Promise<HttpAnswer>;
  delete(path: string): Promise<HttpAnswer>;
}

async function answer(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export interface TestSandboxOptions {
  env?: Env;
  clock?: Clock;
  chance?: Chance;
}

/** The real app on port 0, no added latency, logs captured in memory. */
export async function startTestSandbox({ env = {}, clock, chance }: TestSandboxOptions = {}): Promise<TestSandbox> {
  const config = loadSandboxConfig({ SANDBOX_PORT: '0', SANDBOX_LATENCY_MS: '0', LOG_LEVEL: 'info', ...env });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ app: 'sandbox-verifiers-test', level: config.LOG_LEVEL, destination });
  const sandbox = await startSandbox(config, { logger, clock, chance });
  const send = (method: string, path: string, body?: string | Uint8Array, contentType = 'application/json') =>
    fetch(`${sandbox.url}${path}`, { method, body, headers: body === undefined ? {} : { 'content-type': contentType } }).then(answer);
  return {
    ...sandbox,
    logs,
    post: (path, body) => send('POST', path, JSON.stringify(body)),
    postRaw: (path, body, contentType) => send('POST', path, body, contentType),
    get: (path) => send('GET', path),
    delete: (path) => send('DELETE', path),
  };
}

export function idCardRequest(person: SandboxPerson): { IdCard: string; Name: string } {
  return { IdCard: person.idNumber, Name: person.name };
}

export function faceRequest(person: SandboxPerson, photoFile = person.selfie, livenessScore: number | undefined = person.livenessScore) {
  return {
    IdCard: person.idNumber,
    Name: person.name,
    ImageBase64: fixtures.photoBase64(photoFile),
    ...(livenessScore === undefined ? {} : { LivenessScore: livenessScore }),
  };
}

export function cardRequest(person: SandboxPerson): { BankCard: string; Name: string; IdCard: string; Phone: string } {
  return { BankCard: person.bankCard!, Name: person.name, IdCard: person.idNumber, Phone: person.phone };
}

export function accountRequest(account: FixtureAccountJson): { AccountNumber: string; AccountName: string } {
  return { AccountNumber: account.number, AccountName: account.givenName };
}
