/**
 * An error answer in Tencent Cloud API 3.0 shape. The message is shown to
 * the caller, so it names parameters, never their values.
 */
export class TencentApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'TencentApiError';
  }
}
