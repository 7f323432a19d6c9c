import { loadDevSecrets } from '#libs/config';
import { signDevToken } from '#libs/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts, isPortFree } from '../../scripts/stack/ports.js';
import { phone } from '../e2e/support/devices.js';

/**
 * `npm start` as a user runs it: the launcher under `sh -c`, as npm runs it,
 * on an embedded PostgreSQL in its own data folder. Ctrl-C (SIGINT to the
 * terminal's process group) stops everything; a restart keeps the data; and
 * a SIGTERM that ends only the shell, as `kill <npm pid>` does, still stops
 * everything rather than leaving the stack running without a parent.
 */
describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kyc-start-'));
  let ports: number[] = [];
  let output = '';

  afterAll(async () => {
    // After a failure: the launcher stops what it started; anything still left is killed.
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      for (const line of leftovers()) {
        try {
          process.kill(Number(line.split(' ')[0]), signal);
        } catch {
          // Already gone.
        }
      }
      if (leftovers().length > 0) await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<ChildProcess> => {
    if (ports.length === 0) ports = await freePorts(7);
    const [gateway, sandbox, identity, merchant, risk, privacy, postgres] = ports.map(String);
    const env: NodeJS.ProcessEnv = { ...process.env, KYC_DATA_DIR: dataDir, LOG_LEVEL: 'warn', METRICS_PORT_BASE: '0', EMBEDDED_PG_PORT: postgres };
    delete env['DATABASE_URL'];
    Object.assign(env, { GATEWAY_PORT: gateway, SANDBOX_PORT: sandbox, IDENTITY_GRPC_PORT: identity, MERCHANT_GRPC_PORT: merchant });
    Object.assign(env, { RISK_GRPC_PORT: risk, PRIVACY_GRPC_PORT: privacy });
    // As npm runs `npm run build && node dist/scripts/start.js`: a shell that stays the launcher's parent
    // (a lone command would be exec'd in its place). Its own process group, like a terminal's foreground job.
    const launcher = spawn('sh', ['-c', 'test -d dist && node dist/scripts/start.js'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const until = Date.now() + 180_000;
    while (!(await ready())) {
      if (launcher.exitCode !== null || Date.now() > until) throw new Error(`npm start did not become ready:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return launcher;
  };

  const ready = async (): Promise<boolean> => {
    try {
      return (await fetch(`http://127.0.0.1:${ports[0]}/readyz`)).status === 200;
    } catch {
      return false;
    }
  };

  /** Processes whose command line names this run's data folder or build: the launcher, the apps, PostgreSQL. */
  const leftovers = (): string[] =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
      .flatMap((pid) => {
        try {
          const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
          const environ = command.includes('dist/') ? readFileSync(`/proc/${pid}/environ`, 'utf8') : '';
          return command.includes(dataDir) || environ.includes(`KYC_DATA_DIR=${dataDir}`) ? [`${pid} ${command.trim()}`] : [];
        } catch {
          return [];
        }
      });

  const stoppedCleanly = async (): Promise<void> => {
    const until = Date.now() + 60_000;
    while (leftovers().length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(leftovers()).toEqual([]);
    for (const port of ports) expect(await isPortFree(port), `port ${port}`).toBe(true);
  };

  const token = (sub: string, role: string): Promise<string> => signDevToken({ sub, roles: [role] }, { secret: loadDevSecrets(dataDir).jwtSecret });

  it('stops everything on Ctrl-C, keeps the data across a restart, and stops when only npm is killed', async () => {
    const first = await start();
    const user = await token('start-user', 'user');
    const assessed = await fetch(`http://127.0.0.1:${ports[0]}/v1/risk/assessments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event_type: 'LOGIN', subject_id: 'start-user', device: phone(), ip: '198.51.100.20' }),
    });
    expect(assessed.status).toBe(200);
    const { decision_id: decisionId } = (await assessed.json()) as { decision_id: string };

    process.kill(-first.pid!, 'SIGINT');
    await stoppedCleanly();
    expect(output).toContain('Stopped.');

    output = '';
    const second = await start();
    const analyst = await token('start-analyst', 'risk_analyst');
    const detail = await fetch(`http://127.0.0.1:${ports[0]}/v1/analyst/decisions/${decisionId}`, { headers: { authorization: `Bearer ${analyst}` } });
    expect(detail.status).toBe(200);

    // Only the shell, as npm forwards a SIGTERM: the launcher is left without its parent.
    second.kill('SIGTERM');
    await stoppedCleanly();
    process.stdout.write(`npm start: Ctrl-C and a SIGTERM to npm both left no process and no bound port; the data survived the restart\n`);
  });
});
