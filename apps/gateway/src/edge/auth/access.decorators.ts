import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from './caller.js';

export const ACCESS_RULE = 'kyc:access-rule';
/** OpenAPI extension listing who may call an operation; the role-matrix test reads it. */
export const ROLES_EXTENSION = 'x-kyc-roles';

export type AccessRule = { public: true } | { public: false; roles: Role[] };

/** Every route declares who may call it; a route without a rule is refused. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS_RULE, { public: false, roles } satisfies AccessRule), ApiExtension(ROLES_EXTENSION, roles));

/** Operations endpoints (health, metrics, docs) that need no token. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule), ApiExtension(ROLES_EXTENSION, ['public']));
