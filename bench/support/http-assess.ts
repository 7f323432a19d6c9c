import { Pool } from 'undici';
import { loadDevSecrets } from '#libs/config';
import { signDevToken } from '#libs/testing';
import type { BenchStack } from './bench-stack.js';

/**
 * `POST /v1/risk/assessments` through the gateway as a merchant, over
 * `connections` keep-alive HTTP/1.1 connections, bodies serialised up front.
 */
export async function httpAssessments(
  stack: Pick<BenchStack, 'gatewayUrl' | 'dataDir'>,
  payloads: readonly unknown[],
  connections: number,
): Promise<{ send(index: number): Promise<void>; close(): Promise<void> }> {
  const token = await signDevToken(
    { sub: 'bench-merchant', roles: ['merchant'], merchantId: 'bench-merchant' },
    { secret: loadDevSecrets(stack.dataDir).jwtSecret },
  );
  const pool = new Pool(stack.gatewayUrl, { connections, pipelining: 1 });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const bodies = payloads.map((payload) => JSON.stringify(payload));
  return {
    async send(index) {
      const response = await pool.request({ method: 'POST', path: '/v1/risk/assessments', headers, body: bodies[index % bodies.length] });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
    },
    close: () => pool.close(),
  };
}
