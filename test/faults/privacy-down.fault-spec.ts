import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxFixtures } from '../../apps/sandbox-verifiers/src/fixtures/index.js';
import { gateway, type Gateway } from './support/flows.js';
import { startFaultStack, type FaultStack } from './support/fault-stack.js';

const person = loadSandboxFixtures().person('p01-happy');

interface Recorded {
  counts: Record<string, number>;
}

/**
 * With the privacy service down, no disclosure can be authorised, so no
 * personal data may leave: the verifiers receive nothing, and callers get a
 * clear answer rather than a hang or a silent success.
 */
describe('the privacy service down', () => {
  let fault: FaultStack;
  let call: Gateway;

  beforeAll(async () => {
    fault = await startFaultStack();
    call = gateway(fault.stack.gatewayUrl);
  });

  afterAll(async () => {
    await fault?.close();
  });

  const sandboxCalls = async (): Promise<number> => {
    const recorded = (await (await fetch(`${fault.stack.sandboxUrl}/__sandbox/requests`)).json()) as Recorded;
    return Object.values(recorded.counts).reduce((sum, count) => sum + count, 0);
  };

  it('sends nothing to any recipient and answers with a clear code, then works again when it is back', async () => {
    const token = await fault.token(['user']);
    await call('POST', '/v1/me/consents', token, { purpose: 'real_name_verification', policy_version: '2026-10' });
    const session = await call('POST', '/v1/kyc/sessions', token, { target_level: 'L1' });
    const id = session.body['id'] as string;
    const before = await sandboxCalls();

    await fault.stack.stopApp('privacy', 'SIGKILL');
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt++)
      answers.push(await call('POST', `/v1/kyc/sessions/${id}/identity`, token, { name: person.name, id_number: person.idNumber }));
    expect(await sandboxCalls()).toBe(before);
    // Nothing was checked, so there is no factor result: a retryable 503 naming the cause.
    for (const answer of answers) expect(answer).toMatchObject({ status: 503, body: { code: 'PRIVACY_UNAVAILABLE' } });
    const consents = await call('GET', '/v1/me/consents', token);
    expect(consents).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });

    await fault.stack.startApp('privacy');
    // Healthy is not yet reconnected: identity's channel may still be in its reconnect backoff (2 s at most).
    const back = Date.now();
    let retried = await call('POST', `/v1/kyc/sessions/${id}/identity`, token, { name: person.name, id_number: person.idNumber });
    while (retried.body['code'] === 'PRIVACY_UNAVAILABLE' && Date.now() - back < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await call('POST', `/v1/kyc/sessions/${id}/identity`, token, { name: person.name, id_number: person.idNumber });
    }
    process.stdout.write(
      `privacy down: ${answers.length} refused with PRIVACY_UNAVAILABLE, sandbox calls +0; working again ${Date.now() - back} ms after privacy was healthy\n`,
    );
    expect(retried.body).toMatchObject({ result: 'MATCH' });
    expect(await sandboxCalls()).toBe(before + 1);
  });
});
