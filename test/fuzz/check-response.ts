import { SENTINELS } from './hostile-values.js';

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
}

/**
 * The contract every answer must keep, whatever was sent: a success, or a
 * 4xx problem+json with a stable code and no planted personal data in it.
 * Never a 5xx.
 */
export function violationOf(response: FuzzResponse): string | undefined {
  if (response.status >= 500) return `status ${response.status}`;
  if (response.status < 400) return undefined;
  if (!response.contentType.includes('application/problem+json'))
    return `status ${response.status} without problem+json (${response.contentType || 'no content type'})`;
  let body: { code?: unknown; status?: unknown };
  try {
    body = JSON.parse(response.text) as { code?: unknown; status?: unknown };
  } catch {
    return 'problem+json body is not JSON';
  }
  if (typeof body.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(body.code)) return 'problem without a stable code';
  if (body.status !== response.status) return 'problem status differs from the HTTP status';
  const echoed = SENTINELS.find((sentinel) => response.text.includes(sentinel));
  if (echoed) return 'error body echoes planted personal data';
  return undefined;
}
