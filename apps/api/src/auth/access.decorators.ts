import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@mockboard/contracts';
import type { UserEntity } from './user.entity';

export const ACCESS_KEY = 'mockboard:access';
export const ROLES_KEY = 'mockboard:roles';

/** Who may call a route: `public` needs no sign-in; `optional` reads the user when there is one. */
export type Access = 'public' | 'optional' | 'signed-in';

export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, 'public' satisfies Access);
export const OptionalAuth = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, 'optional' satisfies Access);
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export interface AuthenticatedRequest {
  user?: UserEntity;
  /** The sign-in session the request's token belongs to (set with `user`). */
  signInSessionId?: string;
}

/** The signed-in user (routes without `@Public`/`@OptionalAuth` always have one). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
});

/** The id of the sign-in session the request was made with (on routes that need a signed-in user). */
export const CurrentSignIn = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().signInSessionId;
});
