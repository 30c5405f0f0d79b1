import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type {
  AuthResponse,
  LoginRequest,
  RegisterRequest,
  UpdateMeRequest,
  User,
} from '@mockboard/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/postgres-errors';
import { AuthTokens } from './auth.tokens';
import { PasswordHasher } from './password-hasher';
import { toUserView } from './user.entity';
import { UsersRepository } from './users.repository';

const WRONG_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: AuthTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(request: RegisterRequest): Promise<AuthResponse> {
    const passwordHash = await this.passwords.hash(request.password);
    const role = this.config.adminEmails.includes(request.email.toLowerCase()) ? 'admin' : 'member';
    try {
      const user = await this.users.insert({
        email: request.email,
        displayName: request.displayName,
        timezone: request.timezone,
        role,
        passwordHash,
      });
      return { user: toUserView(user), accessToken: await this.tokens.issue(user.id) };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException('An account with this email already exists; sign in instead');
      }
      throw error;
    }
  }

  /** Unknown email and wrong password fail alike, in message and in time. */
  async login(request: LoginRequest): Promise<AuthResponse> {
    const user = await this.users.findByEmailWithPassword(request.email);
    const valid = await this.passwords.verify(user?.passwordHash, request.password);
    if (!user || !valid) throw new UnauthorizedException(WRONG_CREDENTIALS);
    return { user: toUserView(user), accessToken: await this.tokens.issue(user.id) };
  }

  async updateProfile(userId: string, changes: UpdateMeRequest): Promise<User> {
    const user = await this.users.update(userId, changes);
    if (!user) throw new NotFoundException('Your account no longer exists');
    return toUserView(user);
  }
}
