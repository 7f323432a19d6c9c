import type { FieldViolation } from '#libs/errors';

/** RFC 9457 problem details, with the stable machine `code` of shared/API.md. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldViolation[];
  request_id?: string;
}

export interface Problem {
  status: number;
  body: ProblemBody;
  headers: Record<string, string>;
  /** True when nothing about the input explains it: log it as a defect. */
  unexpected: boolean;
  /** What to log instead of the exception, when its message may quote the caller's input. */
  logged?: Record<string, unknown>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:kyc-gateway:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
