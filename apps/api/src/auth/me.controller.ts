import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangeEmailRequestSchema,
  ChangePasswordRequestSchema,
  UpdateMeRequestSchema,
  type AcceptedResponse,
  type ChangeEmailRequest,
  type ChangePasswordRequest,
  type MeResponse,
  type RevokeSignInSessionsResponse,
  type SignInSessionListResponse,
  type UpdateMeRequest,
  type User,
} from '@mockboard/contracts';
import { ValidBody } from '../common/validated.decorators';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { CurrentSignIn, CurrentUser } from './access.decorators';
import { AuthService } from './auth.service';
import { EmailVerificationService } from './email-verification.service';
import { SignInSessions } from './sign-in-sessions.service';
import type { AuthUser } from './auth-user';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly auth: AuthService,
    private readonly signIns: SignInSessions,
    private readonly verification: EmailVerificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The signed-in user, a new address waiting for verification, and whether verification is required',
  })
  async me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return {
      ...user,
      pendingEmail: await this.verification.pendingEmail(user),
      emailVerificationRequired: this.config.mail.requireEmailVerification,
    };
  }

  @Post('email')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Change the address: a link goes to the new one, and the account moves when it is opened',
    description:
      'Needs the password (403 when wrong; wrong guesses count like failed logins). The same 202 whether ' +
      'or not the new address has an account (then nothing is sent).',
  })
  async changeEmail(
    @CurrentUser() user: AuthUser,
    @ValidBody(ChangeEmailRequestSchema) body: ChangeEmailRequest,
  ): Promise<AcceptedResponse> {
    await this.verification.requestChange(user.id, body);
    return {
      message: `If ${body.email} can be used, we sent it a link; your address changes when you open it`,
    };
  }

  @Delete('email/pending')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Cancel a change of address: the link sent to the new one stops working (204 even if none waits)',
  })
  cancelEmailChange(@CurrentUser() user: AuthUser): Promise<void> {
    return this.verification.cancelChange(user);
  }

  @Patch()
  @ApiOperation({
    summary: "Change display name, time zone, target level or date and time format (null: the browser's)",
  })
  update(
    @CurrentUser() user: AuthUser,
    @ValidBody(UpdateMeRequestSchema) body: UpdateMeRequest,
  ): Promise<User> {
    return this.auth.updateProfile(user.id, body);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the password (current one required); signs out every other sign-in',
    description:
      '403 when the current password is wrong (wrong guesses count like failed logins: 429 with ' +
      'Retry-After after 5); 400 when the new one is too easy to guess.',
  })
  changePassword(
    @CurrentUser() user: AuthUser,
    @CurrentSignIn() sessionId: string,
    @ValidBody(ChangePasswordRequestSchema) body: ChangePasswordRequest,
  ): Promise<void> {
    return this.auth.changePassword(user.id, sessionId, body);
  }

  @Get('sessions')
  @ApiOperation({
    summary: 'Active sign-ins of the user, most recently used first; `current` marks this one',
  })
  async sessions(
    @CurrentUser() user: AuthUser,
    @CurrentSignIn() sessionId: string,
  ): Promise<SignInSessionListResponse> {
    return { sessions: await this.signIns.list(user.id, sessionId) };
  }

  @Post('sessions/revoke-all')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign out everywhere: ends every sign-in of the user, this one included, and their sockets',
  })
  async revokeAll(@CurrentUser() user: AuthUser): Promise<RevokeSignInSessionsResponse> {
    return { revoked: await this.signIns.revokeAll(user.id, null) };
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends one sign-in of the user (404 for an unknown or ended one) and its sockets' })
  revoke(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.signIns.revoke(user.id, id);
  }
}
