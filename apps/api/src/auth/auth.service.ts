import { Inject, Injectable } from '@nestjs/common';
import type {
  AuthResponse,
  ChangePasswordRequest,
  LoginRequest,
  RegisterRequest,
  UpdateMeRequest,
  User,
} from '@mockboard/contracts';
import { DataSource } from 'typeorm';
import { conflict, DomainError, forbidden, notFound } from '../common/domain-error';
import { RequestValidationError } from '../common/zod-validation.pipe';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/postgres-errors';
import { EmailVerificationService } from './email-verification.service';
import { loginThrottled } from './login-throttled.error';
import { LoginThrottlesRepository } from './login-throttles.repository';
import { PasswordHasher } from './password-hasher';
import { PasswordStrength } from './password-strength';
import { SignInSessions, type SignInClient } from './sign-in-sessions.service';
import { toUserView } from './user.entity';
import { UsersRepository } from './users.repository';

const WRONG_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly signIns: SignInSessions,
    private readonly throttles: LoginThrottlesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly verification: EmailVerificationService,
  ) {}

  async register(request: RegisterRequest, client: SignInClient): Promise<AuthResponse> {
    this.requireStrong('password', request.password, [request.email, request.displayName]);
    const passwordHash = await this.passwords.hash(request.password);
    const role = this.config.adminEmails.includes(request.email.toLowerCase()) ? 'admin' : 'member';
    try {
      // The verification mail commits with the account: no account without its link, nor a link without one.
      const user = await this.dataSource.transaction(async (manager) => {
        const created = await this.users.insert(
          {
            email: request.email,
            displayName: request.displayName,
            timezone: request.timezone,
            targetLevel: request.targetLevel,
            role,
            passwordHash,
          },
          manager,
        );
        await this.verification.sendLink(manager, created.id, created.email);
        return created;
      });
      return { user: toUserView(user), accessToken: await this.signIns.start(user.id, client) };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('An account with this email already exists; sign in instead');
      }
      throw error;
    }
  }

  /**
   * Unknown email and wrong password fail alike, in message and in time, and both count against
   * the per-email limit (so the limit does not tell which emails have an account either).
   */
  async login(request: LoginRequest, client: SignInClient): Promise<AuthResponse> {
    const attempt = await this.throttles.attempt(request.email);
    if (!attempt.allowed) throw loginThrottled(attempt.retryAfterSeconds);
    const user = await this.users.findByEmailWithPassword(request.email);
    const valid = await this.passwords.verify(user?.passwordHash, request.password);
    if (!user || !valid) throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    await this.throttles.clear(request.email);
    return { user: toUserView(user), accessToken: await this.signIns.start(user.id, client) };
  }

  /**
   * Needs the current password (a stolen session alone cannot lock the owner out); signs out every
   * other sign-in, keeping the one that made the change.
   */
  async changePassword(userId: string, sessionId: string, request: ChangePasswordRequest): Promise<void> {
    const user = await this.users.findByIdWithPassword(userId);
    if (!user) throw notFound('Your account no longer exists');
    // Guesses of the current password (from a stolen session, say) count like failed logins.
    const attempt = await this.throttles.attempt(user.email);
    if (!attempt.allowed) throw loginThrottled(attempt.retryAfterSeconds);
    // 403, not 401: the caller is signed in, and a 401 would sign the web app out.
    if (!(await this.passwords.verify(user.passwordHash, request.currentPassword))) {
      throw forbidden('Your current password is not correct');
    }
    await this.throttles.clear(user.email);
    if (request.newPassword === request.currentPassword) {
      throw new RequestValidationError('body', [
        { field: 'newPassword', message: 'must be different from your current password' },
      ]);
    }
    this.requireStrong('newPassword', request.newPassword, [user.email, user.displayName]);
    await this.users.setPassword(userId, await this.passwords.hash(request.newPassword));
    await this.signIns.revokeAll(userId, sessionId);
  }

  async updateProfile(userId: string, changes: UpdateMeRequest): Promise<User> {
    const user = await this.users.update(userId, changes);
    if (!user) throw notFound('Your account no longer exists');
    return toUserView(user);
  }

  private requireStrong(field: string, password: string, personalInputs: string[]): void {
    const weakness = this.strength.weakness(password, personalInputs);
    if (weakness) throw new RequestValidationError('body', [{ field, message: weakness }]);
  }
}
