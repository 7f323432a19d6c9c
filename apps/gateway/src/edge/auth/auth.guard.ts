import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '#libs/errors';
import { currentRequestContext } from '#libs/observability';
import type { FastifyRequest } from 'fastify';
import { ACCESS_RULE, type AccessRule } from './access.decorators.js';
import type { RequestWithCaller } from './current-caller.decorator.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * Global guard: authenticates the bearer token and enforces the route's
 * declared roles. No token is 401; a valid token without a listed role is
 * 403; a route that forgot to declare its rule is refused for everyone.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (rule?.public) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithCaller>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
    const caller = await this.verifier.verify(token);
    request.caller = caller;
    const requestContext = currentRequestContext();
    if (requestContext) requestContext.callerId = caller.subjectId;
    if (!rule) throw new DomainError('FORBIDDEN', 'This route declares no access rule');
    if (!caller.roles.some((role) => rule.roles.includes(role))) throw new DomainError('FORBIDDEN', 'The token lacks a role this route requires');
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  return match?.[1];
}
