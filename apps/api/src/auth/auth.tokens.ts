import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { CookieOptions, Request } from 'express';
import { SESSION_COOKIE_NAME } from '@mockboard/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** `sid` names the sign-in session row; a token without one (issued before sessions) is refused. */
interface TokenClaims {
  sub: string;
  sid: string;
}

export interface TokenSubject {
  userId: string;
  sessionId: string;
}

/** Issues and reads access tokens: JWTs carried in an httpOnly cookie or an Authorization header. */
@Injectable()
export class AuthTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.jwt.ttlSeconds;
  }

  issue(subject: TokenSubject): Promise<string> {
    return this.jwt.signAsync({ sub: subject.userId, sid: subject.sessionId } satisfies TokenClaims);
  }

  /**
   * Who a validly signed, unexpired token names, or null for a missing, expired or forged one.
   * Whether its session is still live is SignInSessions' question.
   */
  async subjectFrom(token: string): Promise<TokenSubject | null> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<TokenClaims>>(token);
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
      return { userId: claims.sub, sessionId: claims.sid };
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
