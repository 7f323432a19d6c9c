import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { Caller } from './caller.js';

export interface RequestWithCaller {
  caller?: Caller;
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
  if (!caller) throw new DomainError('UNAUTHENTICATED', 'Authentication required');
  return caller;
});
