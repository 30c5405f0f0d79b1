import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@mockboard/contracts';
import type { AuthUser } from './auth-user';

export const ACCESS_KEY = 'mockboard:access';
export const ROLES_KEY = 'mockboard:roles';
export const VERIFIED_EMAIL_KEY = 'mockboard:verified-email';

/** Who may call a route: `public` needs no sign-in; `optional` reads the user when there is one. */
export type Access = 'public' | 'optional' | 'signed-in';

export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, 'public' satisfies Access);
export const OptionalAuth = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, 'optional' satisfies Access);
export const SignedIn = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, 'signed-in' satisfies Access);
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
/**
 * What involves another person (booking, offering, matching, sharing contacts) needs an address
 * the user proved they read, when REQUIRE_EMAIL_VERIFICATION is on: 403 `email_unverified` otherwise.
 */
export const RequiresVerifiedEmail = (): MethodDecorator & ClassDecorator =>
  SetMetadata(VERIFIED_EMAIL_KEY, true);

export interface AuthenticatedRequest {
  user?: AuthUser;
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
