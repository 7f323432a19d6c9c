import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AssessResponse, RiskServiceClient } from '#contracts/risk';
import { checkGrpcHealth, createGrpcClient, RISK_SERVICE, type GrpcClientHandle } from '#libs/grpc';
import { distEntry } from '../../scripts/stack/app-specs.js';
import { freePorts } from '../../scripts/stack/ports.js';

/**
 * A second risk process beside the stack's, on the same database: the way a
 * second instance behind a balancer runs. Velocity must count events from
 * both as one history.
 */
describe('two risk instances', () => {
  let second: ChildProcess;
  let clients: Array<GrpcClientHandle<RiskServiceClient>>;

  beforeAll(async () => {
    const [port] = await freePorts(1);
    second = spawn(process.execPath, [distEntry('risk', 'main')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        // Same data folder as the stack: the same development keys, so blind indexes agree.
        KYC_DATA_DIR: dirname(inject('logDir')),
        DATABASE_URL: inject('e2eDatabaseUrl'),
        GRPC_PORT: String(port),
        METRICS_PORT: '0',
        PRIVACY_GRPC_URL: `127.0.0.1:${inject('grpcPorts').privacy}`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let waited = 0; ; waited += 200) {
      if ((await checkGrpcHealth(`127.0.0.1:${port}`, { timeoutMs: 1000 }).catch(() => 'DOWN')) === 'SERVING') break;
      if (waited > 60_000 || second.exitCode !== null) throw new Error('second risk instance did not start');
      await sleep(200);
    }
    clients = [inject('grpcPorts').risk, port!].map((p) => createGrpcClient<RiskServiceClient>(RISK_SERVICE, { address: `127.0.0.1:${p}` }));
  });

  afterAll(async () => {
    for (const client of clients ?? []) client.close();
    if (second && second.exitCode === null) {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }
  });

  it('counts the same device across both: the n-th concurrent event sees n accounts', async () => {
    const device = {
      platform: 'android',
      appInstanceId: randomUUID(),
      androidId: randomBytes(8).toString('hex'),
      manufacturer: 'OPPO',
      model: 'PHM110',
      timezone: 'Asia/Shanghai',
      riskyApps: [],
      extra: {},
    };
    const n = 16;
    const responses: AssessResponse[] = await Promise.all(
      Array.from({ length: n }, (_, index) =>
        clients[index % 2]!.client.assess({
          caller: { subjectId: 'merchant-e2e', roles: ['merchant'], merchantId: 'm-e2e' },
          eventType: 'LOGIN',
          subjectId: `ring-${randomUUID()}`,
          device,
          ip: '10.77.0.1',
        }),
      ),
    );
    expect(new Set(responses.map((response) => response.deviceId)).size).toBe(1);
    const details = await Promise.all(
      responses.map((response) =>
        clients[0]!.client.getDecision({ decisionId: response.decisionId, caller: { subjectId: 'analyst-e2e', roles: ['risk_analyst'] } }),
      ),
    );
    const counts = details.map(
      (detail) => (JSON.parse(detail.featuresJson) as { velocity: Record<string, Record<string, number>> }).velocity['distinct_subjects_per_device']!['1h']!,
    );
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, index) => index + 1));
    // From the fourth account on, the shared-device rule sends them to review.
    expect(responses.filter((response) => response.decision !== 'ALLOW').length).toBeGreaterThanOrEqual(n - 3);
  });
});
