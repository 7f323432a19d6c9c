import type { Interpretation, WireResponse } from '#libs/sharing';
import type { UpstreamAnswer } from '../../sessions/verdict.js';

/** The parts of a Tencent-style `{ Response: {...} }` answer the adapters read. Never the data. */
export interface TencentResponse {
  result?: string;
  billed: boolean;
  errorCode?: string;
  sim?: number;
  livenessVerdict?: string;
}

const SHORT_CODE = /^[A-Za-z0-9._-]{1,64}$/;

export function readTencentResponse(body: unknown): TencentResponse {
  const response = (body as { Response?: Record<string, unknown> } | undefined)?.Response ?? {};
  const error = response['Error'] as { Code?: unknown } | undefined;
  return {
    ...(typeof response['Result'] === 'string' && SHORT_CODE.test(response['Result']) ? { result: response['Result'] } : {}),
    billed: response['Billed'] === true,
    ...(typeof error?.Code === 'string' && SHORT_CODE.test(error.Code) ? { errorCode: error.Code } : {}),
    ...(typeof response['Sim'] === 'number' && Number.isFinite(response['Sim']) ? { sim: response['Sim'] } : {}),
    ...(typeof response['LivenessVerdict'] === 'string' && SHORT_CODE.test(response['LivenessVerdict'])
      ? { livenessVerdict: response['LivenessVerdict'] }
      : {}),
  };
}

type Mapped = Pick<UpstreamAnswer, 'result' | 'reasonCode'>;

/**
 * Turns an answer into identity's vocabulary with a table of result codes.
 * A 4xx means the recipient refused the request itself (nothing billed); an
 * answer we cannot read is reported as unavailable, so the user may retry.
 */
export function interpretTencent(
  response: WireResponse,
  results: Readonly<Record<string, Mapped>>,
  errors: Readonly<Record<string, Mapped>> = {},
): Interpretation<UpstreamAnswer> {
  const answer = readTencentResponse(response.body);
  if (response.status >= 400) {
    const mapped = errors[answer.errorCode ?? ''] ?? { result: 'REJECTED', reasonCode: 'UPSTREAM_REJECTED' };
    return { result: { ...mapped, billed: false }, outcome: 'REJECTED_BY_RECIPIENT', billed: false, resultCode: answer.errorCode ?? `HTTP_${response.status}` };
  }
  const mapped = answer.result !== undefined ? results[answer.result] : undefined;
  if (!mapped) {
    return {
      result: { result: 'UNAVAILABLE', reasonCode: 'UPSTREAM_UNAVAILABLE', billed: answer.billed },
      outcome: 'FAILED',
      billed: answer.billed,
      resultCode: answer.result ?? 'UNREADABLE',
    };
  }
  const scores = {
    ...(answer.sim !== undefined ? { similarity: answer.sim } : {}),
    ...(answer.livenessVerdict ? { livenessVerdict: answer.livenessVerdict } : {}),
  };
  return { result: { ...mapped, billed: answer.billed, ...scores }, outcome: 'DELIVERED', billed: answer.billed, resultCode: answer.result };
}
