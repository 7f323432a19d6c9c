import { HttpException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { TencentApiError } from './tencent-api.error.js';
import { toTencentError } from './to-tencent-error.js';

// What V8 says about a broken JSON body: it quotes the body.
const QUOTING = 'Unexpected token } in JSON at position 40: {"IdCard":"11010519491231002X","Name":"张伟",}';

describe('toTencentError', () => {
  it('never passes a framework error message through: they can quote the request body', () => {
    for (const status of [400, 413, 415, 422]) {
      const view = toTencentError(new HttpException(QUOTING, status));
      expect(view.message).not.toContain('11010519491231002X');
      expect(view.message).not.toContain('张伟');
    }
  });

  it('maps framework statuses to Tencent codes', () => {
    expect(toTencentError(new HttpException(QUOTING, 400))).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(toTencentError(new HttpException(QUOTING, 413))).toMatchObject({ status: 413, code: 'RequestSizeLimitExceeded' });
    expect(toTencentError(new HttpException(QUOTING, 415))).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(toTencentError(new NotFoundException())).toMatchObject({ status: 404, code: 'InvalidAction' });
  });

  it('keeps its own errors as they are, and hides anything unexpected behind InternalError', () => {
    expect(toTencentError(new TencentApiError(429, 'RequestLimitExceeded', 'slow down', 7))).toEqual({
      status: 429,
      code: 'RequestLimitExceeded',
      message: 'slow down',
      retryAfterSeconds: 7,
    });
    expect(toTencentError(new Error(QUOTING))).toEqual({ status: 500, code: 'InternalError', message: 'Internal error.' });
  });
});
