import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import {
  LoginRequestSchema,
  PasswordResetConfirmRequestSchema,
  PasswordResetRequestSchema,
  RegisterRequestSchema,
  SESSION_COOKIE_NAME,
  VerifyEmailRequestSchema,
  type AcceptedResponse,
  type AuthResponse,
  type LoginRequest,
  type PasswordResetConfirmRequest,
  type PasswordResetRequest,
  type RegisterRequest,
  type VerifyEmailRequest,
  type VerifyEmailResponse,
} from '@mockboard/contracts';
import { ValidBody } from '../common/validated.decorators';
import { CurrentUser, Public, SignedIn } from './access.decorators';
import { AuthService } from './auth.service';
import { EmailVerificationService } from './email-verification.service';
import { AuthTokens } from './auth.tokens';
import { PasswordResetService } from './password-reset.service';
import { SignInSessions, type SignInClient } from './sign-in-sessions.service';
import type { AuthUser } from './auth-user';

/** The one answer to a reset request, whether or not the address has an account. */
const RESET_REQUESTED: AcceptedResponse = {
  message:
    'If an account uses this address, we sent it a link to choose a new password. The link works for 1 hour.',
};

@ApiTags('auth')
@Controller('auth')
@Public()
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: AuthTokens,
    private readonly signIns: SignInSessions,
    private readonly verification: EmailVerificationService,
    private readonly resets: PasswordResetService,
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
    return this.withCookie(response, await this.auth.login(body, clientOf(request)));
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

  @Post('verify-email')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Use the link from the verification email: the address is verified (or the account moves to the new one)',
    description:
      '400 with code token_invalid, token_used or token_expired for a link that cannot be used, and ' +
      'email_taken when the new address of a change was taken by another account meanwhile.',
  })
  verifyEmail(@ValidBody(VerifyEmailRequestSchema) body: VerifyEmailRequest): Promise<VerifyEmailResponse> {
    return this.verification.verify(body.token);
  }

  @Post('verify-email/resend')
  @SignedIn()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send the verification email again (to the pending new address, if a change waits)',
    description: 'One a minute (429 with Retry-After) and 10 a day; 409 when there is nothing to verify.',
  })
  async resendVerification(@CurrentUser() user: AuthUser): Promise<AcceptedResponse> {
    await this.verification.resend(user);
    return { message: 'We sent you a new verification link; check your inbox' };
  }

  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Email a password reset link; the same 202 whether or not the address has an account',
  })
  requestPasswordReset(@ValidBody(PasswordResetRequestSchema) body: PasswordResetRequest): AcceptedResponse {
    // Not awaited: the answer must not wait for work only a known address causes.
    this.resets.request(body.email);
    return RESET_REQUESTED;
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the link from the reset email; ends every sign-in of the account',
    description:
      '400 for a weak password (like sign-up), or with code token_invalid, token_used or token_expired.',
  })
  confirmPasswordReset(
    @ValidBody(PasswordResetConfirmRequestSchema) body: PasswordResetConfirmRequest,
  ): Promise<void> {
    return this.resets.confirm(body);
  }

  private withCookie(response: Response, result: AuthResponse): AuthResponse {
    response.cookie(SESSION_COOKIE_NAME, result.accessToken, this.tokens.cookieOptions());
    return result;
  }
}

function clientOf(request: Request): SignInClient {
  return { userAgent: request.headers['user-agent'], ip: request.ip };
}
