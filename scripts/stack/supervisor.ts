import { spawn, type ChildProcess } from 'node:child_process';
import type { OutputSink } from './child-output.js';

export interface SupervisedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Spawns Node apps with an IPC channel: each app exits by itself when the
 * channel closes, so a crashed or killed launcher leaves no app behind.
 */
export function spawnApp(name: string, entry: string, env: Record<string, string>, output: OutputSink, nodeArgs: string[] = []): SupervisedProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeArgs, entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  output.attach(name, child.stdout!);
  output.attach(name, child.stderr!);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/** Runs a one-shot app (a migration) to completion; rejects on a non-zero exit. */
export async function runToCompletion(name: string, entry: string, env: Record<string, string>, output: OutputSink): Promise<void> {
  const process = spawnApp(name, entry, env, output);
  const code = await process.exited;
  if (code !== 0) throw new Error(`${name} exited with code ${code}; see its log`);
}

/** SIGTERM, then SIGKILL after the grace period. Resolves when the process is gone. */
export async function stopProcess(process: SupervisedProcess, graceMs = 10_000): Promise<void> {
  const { child } = process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await process.exited;
  clearTimeout(timer);
}
