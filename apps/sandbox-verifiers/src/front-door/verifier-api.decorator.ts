import { applyDecorators, HttpCode, Post, SetMetadata, UseInterceptors, UsePipes } from '@nestjs/common';
import { TencentParamsPipe } from '../tencent/tencent-params.pipe.js';
import { VerifierCallInterceptor } from './verifier-call.interceptor.js';
import { VERIFIER_ENDPOINT, type VerifierEndpoint } from './verifier-endpoints.js';

/** A verifier API: POST, 200 on every answered call, behind the front door (recorder, limits, faults, latency). */
export function VerifierApi(endpoint: VerifierEndpoint): MethodDecorator {
  return applyDecorators(
    Post(endpoint.path),
    HttpCode(200),
    SetMetadata(VERIFIER_ENDPOINT, endpoint),
    UseInterceptors(VerifierCallInterceptor),
    UsePipes(TencentParamsPipe),
  );
}
