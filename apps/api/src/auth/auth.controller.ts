import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import {
  LoginRequestSchema,
  RegisterRequestSchema,
  SESSION_COOKIE_NAME,
  type AuthResponse,
  type LoginRequest,
  type RegisterRequest,
} from '@mockboard/contracts';
import { ValidBody } from '../common/validated.decorators';
import { Public } from './access.decorators';
import { AuthService } from './auth.service';
import { AuthTokens } from './auth.tokens';
import { withRetryAfter } from './login-throttled.exception';
import { SignInSessions, type SignInClient } from './sign-in-sessions.service';

@ApiTags('auth')
@Controller('auth')
@Public()
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: AuthTokens,
    private readonly signIns: SignInSessions,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create an account; signs the browser in with a cookie' })
  async register(
    @ValidBody(RegisterRequestSchema) body: RegisterRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(response, await this.auth.register(body, clientOf(request)));
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'After 5 failed attempts for one email, each further attempt waits twice as long as the last ' +
      '(429 with Retry-After); a successful sign-in resets the count.',
  })
  async login(
    @ValidBody(LoginRequestSchema) body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthResponse> {
    return withRetryAfter(response, async () =>
      this.withCookie(response, await this.auth.login(body, clientOf(request))),
    );
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out: ends the sign-in session of the cookie or bearer token and clears the cookie',
  })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = this.tokens.tokenFromRequest(request);
    const signedIn = token ? await this.signIns.authenticate(token) : null;
    if (signedIn) await this.signIns.revoke(signedIn.user.id, signedIn.sessionId);
    const { maxAge: _maxAge, ...options } = this.tokens.cookieOptions();
    response.clearCookie(SESSION_COOKIE_NAME, options);
  }

  private withCookie(response: Response, result: AuthResponse): AuthResponse {
    response.cookie(SESSION_COOKIE_NAME, result.accessToken, this.tokens.cookieOptions());
    return result;
  }
}

function clientOf(request: Request): SignInClient {
  return { userAgent: request.headers['user-agent'], ip: request.ip };
}
