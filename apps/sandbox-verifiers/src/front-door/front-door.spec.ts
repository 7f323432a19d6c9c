import { afterEach, describe, expect, it } from 'vitest';
import {
  CARD_PATH,
  cardRequest,
  FACE_PATH,
  faceRequest,
  FixedChance,
  fixtures,
  ID_PATH,
  idCardRequest,
  ManualClock,
  startTestSandbox,
  type TestSandbox,
} from '../testing/test-sandbox.fixture.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const p01 = fixtures.person('p01-happy');
const p02 = fixtures.person('p02-happy');

describe('per-ID rate limit', () => {
  it('answers 429 RequestLimitExceeded after N calls for one ID number, counted across all three APIs', async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '3' }, clock: new ManualClock() });
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200);
    expect((await sandbox.post(FACE_PATH, faceRequest(p01))).status).toBe(200);
    expect((await sandbox.post(CARD_PATH, cardRequest(p01))).status).toBe(200);
    const limited = await sandbox.post(ID_PATH, idCardRequest(p01));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ Response: { Error: { Code: 'RequestLimitExceeded', Message: expect.any(String) }, RequestId: expect.any(String) } });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.text).not.toContain(p01.idNumber);
    // Another person is not affected.
    expect((await sandbox.post(ID_PATH, idCardRequest(p02))).status).toBe(200);
  });

  it('keys on the ID number whatever the case of its X', async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '1' }, clock: new ManualClock() });
    const person = fixtures.person('p03-happy-x-check');
    expect((await sandbox.post(ID_PATH, idCardRequest(person))).status).toBe(200);
    expect((await sandbox.post(ID_PATH, { ...idCardRequest(person), IdCard: person.idNumber.toLowerCase() })).status).toBe(429);
  });

  it('slides: a call is freed 60 s after it was admitted, and rejected calls do not count', async () => {
    const clock = new ManualClock();
    sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '2' }, clock });
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200); // t=0
    clock.advance(30_000);
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200); // t=30
    clock.advance(20_000);
    const limited = await sandbox.post(ID_PATH, idCardRequest(p01)); // t=50: rejected, not counted
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    clock.advance(10_001);
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200); // t=60.001: the t=0 call has left the window
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(429); // the t=30 one has not
  });

  it('can be reset by tests, and is off at 0', async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '1' }, clock: new ManualClock() });
    await sandbox.post(ID_PATH, idCardRequest(p01));
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(429);
    expect((await sandbox.delete('/__sandbox/rate-limits')).status).toBe(204);
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200);
    await sandbox.close();

    sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '0' } });
    for (let i = 0; i < 20; i++) expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200);
  });
});

describe('failure injection', () => {
  it('answers 503 ServiceUnavailable to every API for the unavailable fixture person', async () => {
    sandbox = await startTestSandbox();
    const person = fixtures.person('p08-unavailable');
    for (const [path, body] of [
      [ID_PATH, idCardRequest(person)],
      [FACE_PATH, faceRequest(person)],
      [CARD_PATH, cardRequest(person)],
    ] as const) {
      const { status, body: answer } = await sandbox.post(path, body);
      expect(status).toBe(503);
      expect(answer.Response.Error.Code).toBe('ServiceUnavailable');
    }
  });

  it('holds calls of the timeout fixture person for SANDBOX_TIMEOUT_DELAY_MS, then answers 504', async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_TIMEOUT_DELAY_MS: '150' } });
    const started = performance.now();
    const { status, body } = await sandbox.post(ID_PATH, idCardRequest(fixtures.person('p09-timeout')));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(status).toBe(504);
    expect(body.Response.Error.Code).toBe('InternalError.Timeout');
  });

  it('lets go of held calls at shutdown instead of keeping the process up', async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_TIMEOUT_DELAY_MS: '60000' } });
    const held = sandbox.post(ID_PATH, idCardRequest(fixtures.person('p09-timeout')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await sandbox.close();
    sandbox = undefined;
    expect((await held).status).toBe(504);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('answers random 503s at SANDBOX_ERROR_RATE', async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_ERROR_RATE: '0.5' }, chance: new FixedChance(0.49) });
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(503);
    await sandbox.close();
    sandbox = await startTestSandbox({ env: { SANDBOX_ERROR_RATE: '0.5' }, chance: new FixedChance(0.5) });
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200);
    await sandbox.close();
    // The default rate is 0: never, whatever the draw.
    sandbox = await startTestSandbox({ chance: new FixedChance(0) });
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200);
  });
});

describe('simulated latency', () => {
  async function elapsedWith(latencyMs: string, draw: number): Promise<number> {
    sandbox = await startTestSandbox({ env: { SANDBOX_LATENCY_MS: latencyMs }, chance: new FixedChance(draw) });
    await sandbox.post(ID_PATH, idCardRequest(p01)); // warm-up: first-call costs are not latency
    const started = performance.now();
    expect((await sandbox.post(ID_PATH, idCardRequest(p01))).status).toBe(200);
    const elapsed = performance.now() - started;
    await sandbox.close();
    sandbox = undefined;
    return elapsed;
  }

  it('delays each call by the mean ±50%, drawn uniformly', async () => {
    expect(await elapsedWith('200', 0)).toBeGreaterThanOrEqual(95); // 0.5 × 200
    expect(await elapsedWith('200', 0.999)).toBeGreaterThanOrEqual(295); // ~1.5 × 200
  });

  it('adds nothing at 0', async () => {
    expect(await elapsedWith('0', 0.999)).toBeLessThan(95);
  });
});
