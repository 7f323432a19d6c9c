import { signDevToken } from '#libs/testing';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send this raw string instead of JSON-encoding `body`. */
  raw?: string;
}

/** HTTP into the gateway of the e2e stack. */
export async function api<T = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${inject('gatewayUrl')}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (the docs page): keep the text.
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** A token for a fresh subject with the given roles. */
export async function tokenFor(roles: string[], options: { sub?: string; merchantId?: string } = {}): Promise<{ token: string; sub: string }> {
  const sub = options.sub ?? `e2e-${roles.join('-')}-${randomUUID()}`;
  return { sub, token: await signDevToken({ sub, roles, merchantId: options.merchantId }, { secret: inject('jwtSecret') }) };
}

/** Grants consents the way a user does, through the gateway. */
export async function grantConsents(token: string, purposes: string[]): Promise<void> {
  for (const purpose of purposes) {
    const response = await api('POST', '/v1/me/consents', { token, body: { purpose, policy_version: '2026-10', channel: 'app' } });
    if (response.status !== 201) throw new Error(`consent ${purpose}: HTTP ${response.status}`);
  }
}
