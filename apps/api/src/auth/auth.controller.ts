import { Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
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

@ApiTags('auth')
@Controller('auth')
@Public()
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: AuthTokens,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create an account; signs the browser in with a cookie' })
  async register(
    @ValidBody(RegisterRequestSchema) body: RegisterRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(response, await this.auth.register(body));
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  async login(
    @ValidBody(LoginRequestSchema) body: LoginRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(response, await this.auth.login(body));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign the browser out (clears the session cookie)' })
  logout(@Res({ passthrough: true }) response: Response): void {
    const { maxAge: _maxAge, ...options } = this.tokens.cookieOptions();
    response.clearCookie(SESSION_COOKIE_NAME, options);
  }

  private withCookie(response: Response, result: AuthResponse): AuthResponse {
    response.cookie(SESSION_COOKIE_NAME, result.accessToken, this.tokens.cookieOptions());
    return result;
  }
}
