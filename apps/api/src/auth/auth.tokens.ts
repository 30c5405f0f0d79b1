import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { CookieOptions, Request } from 'express';
import { SESSION_COOKIE_NAME } from '@mockboard/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

interface TokenClaims {
  sub: string;
}

/** Issues and reads access tokens: JWTs carried in an httpOnly cookie or an Authorization header. */
@Injectable()
export class AuthTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(userId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId } satisfies TokenClaims);
  }

  /** The user id in a valid token, or null for a missing, expired or forged one. */
  async userIdFrom(token: string): Promise<string | null> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      return typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }

  /** A Bearer header wins over the cookie, so API clients are never confused by a browser session. */
  tokenFromRequest(request: Pick<Request, 'headers' | 'cookies'>): string | null {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || null;
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE_NAME];
    return cookie || null;
  }

  cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: this.config.jwt.ttlSeconds * 1000,
    };
  }
}
