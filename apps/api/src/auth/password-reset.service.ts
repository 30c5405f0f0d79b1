import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PasswordResetConfirmRequest } from '@mockboard/contracts';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { MailService } from '../mail/mail.service';
import { ACCOUNT_TOKEN_TTL_MS, hashAccountToken, newAccountToken } from './account-token';
import { unusableTokenError } from './account-token.errors';
import { AccountTokensRepository } from './account-tokens.repository';
import { LoginThrottlesRepository } from './login-throttles.repository';
import { PasswordHasher } from './password-hasher';
import { PasswordStrength } from './password-strength';
import { SignInSessions } from './sign-in-sessions.service';
import { UsersRepository } from './users.repository';

/** Reset mails per account per hour: enough for a lost mail or two, not a way to flood an inbox. */
const MAX_RESETS_PER_HOUR = 5;

/** A forgotten password: a link by mail, then a new password that signs out every old sign-in. */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger('PasswordResetService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccountTokensRepository,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly signIns: SignInSessions,
    private readonly throttles: LoginThrottlesRepository,
    private readonly mail: MailService,
  ) {}

  /**
   * Starts sending a link when the address has an account and returns at once: the caller answers
   * 202 before any of the work that differs between a known address (a count, a transaction, two
   * inserts) and an unknown one (one look-up), so the response time says nothing about accounts.
   * Failures are logged, never thrown: nobody is waiting for them.
   */
  request(email: string): void {
    this.sendLinkIfKnown(email).catch((error: unknown) => {
      this.logger.error(`A password reset link could not be queued: ${String(error)}`);
    });
  }

  /** A new link replaces the older ones: only the newest works. */
  private async sendLinkIfKnown(email: string): Promise<void> {
    const user = await this.users.findByEmailWithPassword(email);
    if (!user) return;
    if ((await this.tokens.countRecent(user.id, 'password_reset', 3600)) >= MAX_RESETS_PER_HOUR) return;
    const { token, hash } = newAccountToken();
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.expireUnused(manager, user.id, 'password_reset');
      const tokenId = await this.tokens.insert(manager, {
        userId: user.id,
        purpose: 'password_reset',
        hash,
        email: user.email,
        ttlMs: ACCOUNT_TOKEN_TTL_MS.password_reset,
      });
      await this.mail.enqueue(manager, {
        kind: 'password_reset',
        userId: user.id,
        dedupeKey: `password_reset:${tokenId}`,
        data: { tokenId, token },
      });
    });
  }

  /**
   * Sets the new password and uses the link; every sign-in of the user ends (whoever knew the old
   * password is out) and the address counts as verified, since the link was read there.
   */
  async confirm(request: PasswordResetConfirmRequest): Promise<void> {
    const hash = hashAccountToken(request.token);
    // Checked once before the slow part (strength, hashing) so a dead link fails fast, and again
    // under the row lock below, where two uses of one link are decided.
    const found = await this.dataSource.transaction((manager) =>
      this.tokens.findForUpdate(manager, hash, 'password_reset'),
    );
    const unusable = unusableTokenError(found, 'password_reset');
    if (unusable || !found) throw unusable;
    const user = await this.users.findById(found.userId);
    if (!user) throw unusableTokenError(null, 'password_reset');
    const weakness = this.strength.weakness(request.password, [user.email, user.displayName]);
    if (weakness) throw new RequestValidationError('body', [{ field: 'password', message: weakness }]);
    const passwordHash = await this.passwords.hash(request.password);

    await this.dataSource.transaction(async (manager) => {
      const row = await this.tokens.findForUpdate(manager, hash, 'password_reset');
      const stillUnusable = unusableTokenError(row, 'password_reset');
      if (stillUnusable || !row) throw stillUnusable;
      await this.users.setPassword(user.id, passwordHash, manager);
      await this.tokens.markUsed(manager, row.id);
      // The link went to the address the account had then; it proves the current one only if unchanged.
      const current = await this.users.findForUpdate(manager, user.id);
      if (current && current.email.toLowerCase() === row.email.toLowerCase()) {
        await this.users.markEmailVerified(manager, user.id);
      }
    });
    await this.signIns.revokeAll(user.id, null);
    // Whoever forgot a password has usually tried a few: the new one must work at once, not after the backoff.
    await this.throttles.clear(user.email);
  }
}
