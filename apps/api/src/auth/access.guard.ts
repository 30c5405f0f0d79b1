import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@mockboard/contracts';
import { DomainError, forbidden } from '../common/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import {
  ACCESS_KEY,
  ROLES_KEY,
  VERIFIED_EMAIL_KEY,
  type Access,
  type AuthenticatedRequest,
} from './access.decorators';
import { AuthTokens } from './auth.tokens';
import { emailUnverified } from './email-unverified.error';
import { SignInSessions } from './sign-in-sessions.service';

/**
 * The app-wide guard: every HTTP route needs a signed-in user unless marked otherwise, and
 * `@Roles(...)` and `@RequiresVerifiedEmail()` narrow it further. The sign-in session and the user are read fresh from the
 * database on each request, so a logout, a role change or a deleted account takes effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AuthTokens,
    private readonly signIns: SignInSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, targets) ?? 'signed-in';
    if (access === 'public') return true;

    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = this.tokens.tokenFromRequest(request);
    const signedIn = token ? await this.signIns.authenticate(token) : null;
    const user = signedIn?.user;
    if (signedIn) {
      request.user = signedIn.user;
      request.signInSessionId = signedIn.sessionId;
    }
    if (access === 'optional') return true;
    if (!user) {
      // A suspended or banned account's refused token says why (shown on the web app's Sign in).
      const refusal = token ? await this.signIns.refusalBehind(token) : null;
      throw refusal ?? new DomainError('unauthenticated', 'Sign in to continue');
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw forbidden(`This needs the ${roles.join(' or ')} role`);
    }
    const needsVerifiedEmail = this.reflector.getAllAndOverride<boolean | undefined>(
      VERIFIED_EMAIL_KEY,
      targets,
    );
    if (needsVerifiedEmail && this.config.mail.requireEmailVerification && !user.emailVerified) {
      throw emailUnverified(user.email);
    }
    return true;
  }
}
