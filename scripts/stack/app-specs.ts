import { resolve } from 'node:path';

export type AppName = 'sandbox-verifiers' | 'privacy' | 'risk' | 'identity' | 'merchant' | 'gateway';

/** Start order: dependencies first (everything records disclosures in privacy). */
export const APP_NAMES: AppName[] = ['sandbox-verifiers', 'privacy', 'risk', 'identity', 'merchant', 'gateway'];

/** Apps with a database schema, migrated before anything starts. */
export const MIGRATED_APPS: AppName[] = ['privacy', 'risk', 'identity', 'merchant', 'gateway'];

export interface StackPorts {
  gateway: number;
  sandbox: number;
  identity: number;
  merchant: number;
  risk: number;
  privacy: number;
  /** First of four consecutive Prometheus ports for the gRPC services; 0 turns them off. */
  metricsBase: number;
}

export const DEFAULT_PORTS: StackPorts = { gateway: 8080, sandbox: 8090, identity: 50051, merchant: 50052, risk: 50053, privacy: 50054, metricsBase: 9101 };

export type HealthProbe = { kind: 'grpc'; address: string } | { kind: 'http'; url: string };

export interface AppSpec {
  name: AppName;
  entry: string;
  env: Record<string, string>;
  health: HealthProbe;
}

export interface StackEnv {
  databaseUrl: string;
  dataDir: string;
  ports: StackPorts;
  nodeEnv: string;
  logLevel: string;
  /** Extra variables per app, e.g. test-only knobs. */
  extraEnv?: Partial<Record<AppName, Record<string, string>>>;
}

export const distEntry = (app: AppName, file: 'main' | 'migrate'): string => resolve('dist', 'apps', app, 'src', `${file}.js`);

const grpc = (port: number): string => `127.0.0.1:${port}`;
const metricsPort = (ports: StackPorts, offset: number): string => String(ports.metricsBase === 0 ? 0 : ports.metricsBase + offset);

/** Every app's configuration, with the same keys docker-compose.yml sets. */
export function appSpecs(stack: StackEnv): AppSpec[] {
  const { ports } = stack;
  const common = { NODE_ENV: stack.nodeEnv, LOG_LEVEL: stack.logLevel, KYC_DATA_DIR: stack.dataDir };
  const platform = { ...common, DATABASE_URL: stack.databaseUrl };
  const backends = {
    IDENTITY_GRPC_URL: grpc(ports.identity),
    MERCHANT_GRPC_URL: grpc(ports.merchant),
    RISK_GRPC_URL: grpc(ports.risk),
    PRIVACY_GRPC_URL: grpc(ports.privacy),
  };
  const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
  const specs: Record<AppName, Omit<AppSpec, 'name' | 'entry'>> = {
    'sandbox-verifiers': {
      env: { ...common, SANDBOX_PORT: String(ports.sandbox) },
      health: { kind: 'http', url: `${sandboxUrl}/healthz` },
    },
    privacy: {
      env: { ...platform, ...backends, GRPC_PORT: String(ports.privacy), METRICS_PORT: metricsPort(ports, 3), SANDBOX_BASE_URL: sandboxUrl },
      health: { kind: 'grpc', address: grpc(ports.privacy) },
    },
    risk: {
      env: { ...platform, ...backends, GRPC_PORT: String(ports.risk), METRICS_PORT: metricsPort(ports, 2) },
      health: { kind: 'grpc', address: grpc(ports.risk) },
    },
    identity: {
      env: { ...platform, ...backends, GRPC_PORT: String(ports.identity), METRICS_PORT: metricsPort(ports, 0), SANDBOX_BASE_URL: sandboxUrl },
      health: { kind: 'grpc', address: grpc(ports.identity) },
    },
    merchant: {
      env: { ...platform, ...backends, GRPC_PORT: String(ports.merchant), METRICS_PORT: metricsPort(ports, 1), SANDBOX_BASE_URL: sandboxUrl },
      health: { kind: 'grpc', address: grpc(ports.merchant) },
    },
    gateway: {
      env: { ...platform, ...backends, GATEWAY_PORT: String(ports.gateway) },
      health: { kind: 'http', url: `http://127.0.0.1:${ports.gateway}/healthz` },
    },
  };
  return APP_NAMES.map((name) => ({ name, entry: distEntry(name, 'main'), ...specs[name], env: { ...specs[name].env, ...stack.extraEnv?.[name] } }));
}
