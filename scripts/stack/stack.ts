import { createOutputSink, type OutputSink } from './child-output.js';
import { appSpecs, distEntry, MIGRATED_APPS, type AppName, type AppSpec, type StackEnv, type StackPorts } from './app-specs.js';
import { isPortFree } from './ports.js';
import { runToCompletion, spawnApp, stopProcess, type SupervisedProcess } from './supervisor.js';
import { waitHealthy } from './wait-healthy.js';

export interface StackOptions extends StackEnv {
  logDir: string;
  /** Echo a readable log summary to the terminal. */
  echo: boolean;
  only?: AppName[];
  /** Extra Node flags per app (not its migration), e.g. `--cpu-prof` for a profile. */
  nodeArgs?: Partial<Record<AppName, string[]>>;
}

export interface RunningStack {
  ports: StackPorts;
  gatewayUrl: string;
  sandboxUrl: string;
  /** Resolves with the name of the first app that exits without being asked to. */
  firstExit: Promise<string>;
  /** Process ids, for resource figures (soak) and fault injection. */
  pids(): Partial<Record<AppName, number>>;
  /** Stops one app (SIGTERM, or SIGKILL to simulate a crash). */
  stopApp(app: AppName, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts a stopped app again and waits until it is healthy. */
  startApp(app: AppName): Promise<void>;
  stop(): Promise<void>;
}

async function assertPortsFree(ports: StackPorts): Promise<void> {
  const named = Object.entries(ports).filter(([name, port]) => name !== 'metricsBase' && port > 0);
  const busy: string[] = [];
  for (const [name, port] of named) if (!(await isPortFree(port))) busy.push(`${name} (${port})`);
  if (busy.length) throw new Error(`Ports already in use: ${busy.join(', ')}. Is another stack running?`);
}

export async function migrateAll(stack: StackEnv, output: OutputSink): Promise<void> {
  const specs = appSpecs(stack);
  for (const app of MIGRATED_APPS) {
    const spec = specs.find((candidate) => candidate.name === app)!;
    await runToCompletion(`${app}-migrate`, distEntry(app, 'migrate'), spec.env, output);
  }
}

/** Runs every migration, starts the apps as separate processes, and waits until each is healthy. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  await assertPortsFree(options.ports);
  const output = createOutputSink(options.logDir, options.echo);
  await migrateAll(options, output);
  const specs = appSpecs(options).filter((spec) => !options.only || options.only.includes(spec.name));
  const running = new Map<AppName, SupervisedProcess>();
  const intentionallyStopped = new Set<AppName>();
  let stopping = false;
  let reportExit: (name: string) => void = () => undefined;
  const firstExit = new Promise<string>((resolve) => (reportExit = resolve));

  const launch = (spec: AppSpec): SupervisedProcess => {
    const process = spawnApp(spec.name, spec.entry, spec.env, output, options.nodeArgs?.[spec.name]);
    running.set(spec.name, process);
    void process.exited.then(() => {
      if (!stopping && !intentionallyStopped.has(spec.name) && running.get(spec.name) === process) reportExit(spec.name);
      return undefined;
    });
    return process;
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    for (const spec of [...specs].reverse()) {
      const process = running.get(spec.name);
      if (process) await stopProcess(process);
    }
    await output.close();
  };

  try {
    await Promise.all(specs.map((spec) => waitHealthy(spec.name, spec.health, launch(spec).exited)));
  } catch (error) {
    await stop();
    throw error;
  }

  const specOf = (app: AppName): AppSpec => {
    const spec = specs.find((candidate) => candidate.name === app);
    if (!spec) throw new Error(`${app} is not part of this stack`);
    return spec;
  };

  return {
    ports: options.ports,
    gatewayUrl: `http://127.0.0.1:${options.ports.gateway}`,
    sandboxUrl: `http://127.0.0.1:${options.ports.sandbox}`,
    firstExit,
    pids: () => Object.fromEntries([...running.entries()].map(([name, process]) => [name, process.child.pid])),
    async stopApp(app, signal = 'SIGTERM') {
      const process = running.get(app);
      if (!process) return;
      intentionallyStopped.add(app);
      if (signal === 'SIGKILL') {
        process.child.kill('SIGKILL');
        await process.exited;
      } else {
        await stopProcess(process);
      }
    },
    async startApp(app) {
      const spec = specOf(app);
      intentionallyStopped.delete(app);
      await waitHealthy(spec.name, spec.health, launch(spec).exited);
    },
    stop,
  };
}
