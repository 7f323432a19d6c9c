import { checkGrpcHealth } from '#libs/grpc';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HealthProbe } from './app-specs.js';

async function probeOnce(probe: HealthProbe): Promise<boolean> {
  try {
    if (probe.kind === 'grpc') return (await checkGrpcHealth(probe.address, { timeoutMs: 1000 })) === 'SERVING';
    const response = await fetch(probe.url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Polls a health probe until it passes, the process exits, or time runs out. */
export async function waitHealthy(name: string, probe: HealthProbe, exited: Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${name} exited during start-up; see its log`);
    if (await probeOnce(probe)) return;
    await sleep(200);
  }
  throw new Error(`${name} did not become healthy within ${timeoutMs} ms`);
}
