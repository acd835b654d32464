import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiPublic } from '../common/api-errors.js';
import type { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';

export const IS_PUBLIC = 'auth:isPublic';
export const REQUIRED_ROLES = 'auth:roles';

/** The route needs no sign-in (login, invitation acceptance, health, docs); its OpenAPI entry says so. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiPublic());

/** The signed-in user must hold at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The signed-in user, as loaded by the AuthGuard. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest().user);
