import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AccessGuard } from './access.guard';
import { AccountRestrictionsRepository } from './account-restrictions.repository';
import { AccountRestrictionsService } from './account-restrictions.service';
import { AccountMailComposers } from './account-mail.composers';
import { AccountTokensRepository } from './account-tokens.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthTokens } from './auth.tokens';
import { EmailVerificationService } from './email-verification.service';
import { LoginThrottlesRepository } from './login-throttles.repository';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { PasswordStrength } from './password-strength';
import { SignInLiveness } from './sign-in-liveness.service';
import { SignInSessionsRepository } from './sign-in-sessions.repository';
import { SignInSessions } from './sign-in-sessions.service';
import { SignInSocketsGateway } from './sign-in-sockets.gateway';
import { SocketAuthenticator } from './socket-authenticator';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, made once: given a string, jsonwebtoken first tries it as a PEM key on every
        // sign and verify (and throws), 7 % of the server's CPU in the booking benchmark. Same bytes,
        // so tokens signed with the string verify.
        secret: createSecretKey(Buffer.from(config.jwt.secret)),
        signOptions: { expiresIn: config.jwt.ttlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Per client IP; only the auth controller uses the ThrottlerGuard.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'auth', ttl: 60_000, limit: config.authRateLimitPerMinute }],
        errorMessage: 'Too many attempts from this address; wait a minute and try again',
      }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [
    AuthService,
    AuthTokens,
    PasswordHasher,
    PasswordStrength,
    UsersRepository,
    UsersService,
    SignInSessionsRepository,
    SignInSessions,
    SignInLiveness,
    SignInSocketsGateway,
    LoginThrottlesRepository,
    SocketAuthenticator,
    AccountRestrictionsRepository,
    AccountRestrictionsService,
    AccountTokensRepository,
    EmailVerificationService,
    PasswordResetService,
    AccountMailComposers,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    AuthTokens,
    UsersService,
    PasswordHasher,
    PasswordStrength,
    SocketAuthenticator,
    // For moderation (issue 15): restricting an account and ending its sign-ins.
    AccountRestrictionsService,
    SignInSessions,
  ],
})
export class AuthModule {}
