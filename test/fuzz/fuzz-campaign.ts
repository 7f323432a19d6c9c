import fc from 'fast-check';
import { rawBody, objectFor, pathParam, valueFor } from './hostile-values.js';
import { violationOf } from './check-response.js';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi-operations.js';

export interface CampaignOptions {
  gatewayUrl: string;
  /** A token with these roles for a fresh subject (with a merchant id when `merchant` is among them). */
  token: (roles: string[]) => Promise<string>;
  runsPerOperation: number;
  seed?: number;
  /** Per request; a request that takes longer counts as a hang. */
  timeoutMs?: number;
  /** Leave out operations that change the world for other tests running beside the campaign (lists, live rules, retention). */
  spareSharedState?: boolean;
}

export interface OperationReport {
  operation: string;
  cases: number;
  statuses: Record<string, number>;
  failures: Array<{ reason: string; request: string }>;
}

const ALL_ROLES = ['user', 'merchant', 'risk_analyst', 'reviewer', 'privacy_officer', 'admin'];

/** Operations that change what every other caller sees: a retention sweep, block and allow lists, the live ruleset. */
const SHARED_STATE = [
  /^POST \/v1\/admin\/retention\/run$/,
  /^(POST|DELETE) \/v1\/analyst\/lists\//,
  /^POST \/v1\/analyst\/rulesets\/\{[^}]+\}\/(publish|shadow)$/,
];

interface FuzzInput {
  pathValues: string[];
  query: Record<string, unknown>;
  body: unknown;
  bodyKind: 'json' | 'raw' | 'none' | 'multipart';
  auth: 'allowed' | 'none' | 'other-role';
}

function inputFor(operation: Operation): fc.Arbitrary<FuzzInput> {
  const query = fc.record(Object.fromEntries(operation.query.map((parameter) => [parameter.name, valueFor(parameter.schema)])), { requiredKeys: [] });
  const bodyKinds: Array<FuzzInput['bodyKind']> = operation.body
    ? operation.body.contentType.includes('multipart')
      ? ['multipart', 'raw', 'json']
      : ['json', 'json', 'json', 'raw', 'none']
    : ['none', 'json'];
  return fc.record({
    pathValues: fc.array(pathParam, { minLength: operation.pathParams.length, maxLength: operation.pathParams.length }),
    query,
    bodyKind: fc.constantFrom(...bodyKinds),
    body: fc.oneof(operation.body ? objectFor(operation.body.schema) : fc.constant({}), rawBody),
    auth: fc.constantFrom('allowed', 'allowed', 'allowed', 'allowed', 'none', 'other-role'),
  }) as fc.Arbitrary<FuzzInput>;
}

function multipart(body: unknown): FormData {
  const form = new FormData();
  const object = body && typeof body === 'object' ? (body as Record<string, unknown>) : { kind: String(body) };
  for (const [key, value] of Object.entries(object).slice(0, 50))
    form.append(key.slice(0, 100) || 'x', typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'));
  const kind = Math.random();
  // Files that lie about their type, are empty, or are over the 5 MB limit; and a flood of parts.
  if (kind < 0.25) form.append('file', new Blob([Buffer.from('%PDF-1.4 not really')]), 'x.jpg');
  else if (kind < 0.5) form.append('file', new Blob([Buffer.alloc(6 * 1024 * 1024, 0xff)]), 'big.png');
  else if (kind < 0.75) for (let part = 0; part < 300; part++) form.append(`f${part}`, 'x');
  else form.append('file', new Blob([Buffer.alloc(0)]), '');
  return form;
}

async function send(options: CampaignOptions, operation: Operation, input: FuzzInput): Promise<{ violation?: string; status: number; described: string }> {
  let path = operation.path;
  operation.pathParams.forEach((name, index) => (path = path.replace(`{${name}}`, encodeURIComponent(input.pathValues[index] ?? 'x'))));
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query)) query.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  const url = `${options.gatewayUrl}${path}${query.size ? `?${query}` : ''}`;
  const headers: Record<string, string> = {};
  const allowed = operation.roles.filter((role) => role !== 'public');
  if (input.auth === 'allowed' && allowed.length > 0)
    headers['authorization'] = `Bearer ${await options.token([allowed[input.pathValues.length % allowed.length]!])}`;
  if (input.auth === 'other-role') headers['authorization'] = `Bearer ${await options.token([ALL_ROLES.find((role) => !allowed.includes(role)) ?? 'user'])}`;
  let body: string | Uint8Array | FormData | undefined;
  const bodyKind = operation.method === 'GET' ? 'none' : input.bodyKind;
  if (bodyKind === 'json') {
    body = JSON.stringify(input.body);
    headers['content-type'] = 'application/json';
  } else if (bodyKind === 'raw') {
    body = typeof input.body === 'string' ? input.body : Buffer.isBuffer(input.body) ? new Uint8Array(input.body) : JSON.stringify(input.body);
    headers['content-type'] = 'application/json';
  } else if (bodyKind === 'multipart') {
    body = multipart(input.body);
  }
  const described = `${operation.method} ${url.slice(options.gatewayUrl.length, options.gatewayUrl.length + 120)} [${bodyKind}, auth ${input.auth}]`;
  try {
    const response = await fetch(url, { method: operation.method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
    const text = await response.text();
    return {
      violation: violationOf({ status: response.status, contentType: response.headers.get('content-type') ?? '', text }),
      status: response.status,
      described,
    };
  } catch (error) {
    return {
      violation: (error as Error).name === 'TimeoutError' ? 'no answer in time (hang)' : `connection failed: ${(error as Error).message}`,
      status: 0,
      described,
    };
  }
}

/** Fuzzes every operation of the gateway's OpenAPI document with fast-check. */
export async function runCampaign(options: CampaignOptions): Promise<OperationReport[]> {
  const document = (await (await fetch(`${options.gatewayUrl}/docs-json`)).json()) as OpenApiDocument;
  const reports: OperationReport[] = [];
  for (const operation of operationsOf(document)) {
    const name = `${operation.method} ${operation.path}`;
    if (options.spareSharedState && SHARED_STATE.some((pattern) => pattern.test(name))) continue;
    const report: OperationReport = { operation: name, cases: 0, statuses: {}, failures: [] };
    await fc.assert(
      fc.asyncProperty(inputFor(operation), async (input) => {
        const result = await send(options, operation, input);
        report.cases++;
        report.statuses[result.status] = (report.statuses[result.status] ?? 0) + 1;
        if (result.violation && report.failures.length < 5) report.failures.push({ reason: result.violation, request: result.described });
      }),
      { numRuns: options.runsPerOperation, seed: options.seed, endOnFailure: false },
    );
    reports.push(report);
  }
  return reports;
}
