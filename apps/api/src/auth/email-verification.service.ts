import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChangeEmailRequest, VerifyEmailResponse } from '@mockboard/contracts';
import { conflict, forbidden, notFound } from '../common/domain-error';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { isUniqueViolation } from '../database/postgres-errors';
import { MailService } from '../mail/mail.service';
import { ACCOUNT_TOKEN_TTL_MS, hashAccountToken, newAccountToken } from './account-token';
import { emailTakenError, tooManyAccountMails, unusableTokenError } from './account-token.errors';
import { AccountTokensRepository } from './account-tokens.repository';
import { loginThrottled } from './login-throttled.error';
import { LoginThrottlesRepository } from './login-throttles.repository';
import { PasswordHasher } from './password-hasher';
import type { AuthUser } from './auth-user';
import { UsersRepository } from './users.repository';

/** One verification mail a minute per user, and a day's worth capped, so resend cannot flood an inbox. */
const RESEND_INTERVAL_SECONDS = 60;
const MAX_PER_DAY = 10;

/**
 * Proving an address: the link sent at sign-up, its resend, and a change of address (the new
 * address gets the link; the account moves to it only when the link is opened).
 */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccountTokensRepository,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly throttles: LoginThrottlesRepository,
    private readonly mail: MailService,
  ) {}

  /**
   * In the caller's transaction: a new token for `address` (the user's, or a new one) and its mail,
   * which commit with the change that asked for them.
   *
   * An address another account already has still gets its token (so the pending address, the
   * resend interval and the daily cap look exactly as for a free one: nothing tells the asker that
   * the address has an account) but no mail: its owner did not ask, and the link could only fail.
   */
  async sendLink(manager: EntityManager, userId: string, address: string): Promise<void> {
    const { token, hash } = newAccountToken();
    const tokenId = await this.tokens.insert(manager, {
      userId,
      purpose: 'verify_email',
      hash,
      email: address,
      ttlMs: ACCOUNT_TOKEN_TTL_MS.verify_email,
    });
    if (await this.users.emailTakenByOther(address, userId, manager)) return;
    // The raw token has to travel in the mail, so it sits in the queued mail's data until sent;
    // the link's 48 hours bound what a reader of that table could do with it.
    await this.mail.enqueue(manager, {
      kind: 'verify_email',
      userId,
      dedupeKey: `verify_email:${tokenId}`,
      data: { tokenId, token, email: address },
    });
  }

  /**
   * Uses a link: the user's address is verified, or, for a change of address, the account moves to
   * the new one, unless another account took it meanwhile (400, the address stays as it was).
   */
  verify(token: string): Promise<VerifyEmailResponse> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.tokens.findForUpdate(manager, hashAccountToken(token), 'verify_email');
      const unusable = unusableTokenError(row, 'verify_email');
      if (unusable || !row) throw unusable;
      const user = await this.users.findForUpdate(manager, row.userId);
      if (!user) throw unusableTokenError(null, 'verify_email');
      const sameAddress = row.email.toLowerCase() === user.email.toLowerCase();
      if (sameAddress) {
        await this.users.markEmailVerified(manager, user.id);
      } else {
        // Checked first because a failed statement would abort the transaction on PostgreSQL; the
        // unique index still settles a race with a sign-up at the same moment.
        if (await this.users.emailTakenByOther(row.email, user.id, manager)) throw emailTakenError();
        await this.users.changeEmail(manager, user.id, row.email).catch((error: unknown) => {
          throw isUniqueViolation(error) ? emailTakenError() : error;
        });
      }
      await this.tokens.markUsed(manager, row.id);
      // Links to the same or other addresses sent before this one prove nothing new now.
      await this.tokens.expireUnused(manager, user.id, 'verify_email');
      if (!sameAddress) {
        // A reset link went to the old address; whoever still reads that inbox must not be able to
        // take back the account once it has moved.
        await this.tokens.expireUnused(manager, user.id, 'password_reset');
      }
      return { email: row.email };
    });
  }

  /** The new address of a change waiting for its link to be opened, or null. */
  pendingEmail(user: AuthUser): Promise<string | null> {
    return this.tokens.pendingEmail(user.id, user.email);
  }

  /**
   * Gives up a change of address: its links stop working and the account keeps its address. Nothing
   * pending is not an error (204 either way), so a second click or a stale page does no harm.
   */
  cancelChange(user: AuthUser): Promise<void> {
    return this.tokens.expirePendingChange(user.id, user.email);
  }

  /** A new link for the unverified address, or for the pending new one; rate-limited per user. */
  async resend(user: AuthUser): Promise<void> {
    const pending = await this.tokens.pendingEmail(user.id, user.email);
    const address = user.emailVerified ? pending : user.email;
    if (!address) throw conflict('Your address is already verified');
    await this.requireRoomForAnotherMail(user.id);
    await this.dataSource.transaction((manager) => this.sendLink(manager, user.id, address));
  }

  /**
   * Needs the password (a stolen session alone cannot move the account). Answers the same whether
   * or not the new address has an account, and leaves the same trace (a pending address, one more
   * towards the cap); only the mail differs, and only the new address's inbox sees that (sendLink).
   */
  async requestChange(userId: string, request: ChangeEmailRequest): Promise<void> {
    const user = await this.users.findByIdWithPassword(userId);
    if (!user) throw notFound('Your account no longer exists');
    const attempt = await this.throttles.attempt(user.email);
    if (!attempt.allowed) throw loginThrottled(attempt.retryAfterSeconds);
    // 403, not 401: the caller is signed in, and a 401 would sign the web app out.
    if (!(await this.passwords.verify(user.passwordHash, request.password))) {
      throw forbidden('Your password is not correct');
    }
    await this.throttles.clear(user.email);
    if (request.email.toLowerCase() === user.email.toLowerCase()) {
      throw new RequestValidationError('body', [{ field: 'email', message: 'is already your address' }]);
    }
    await this.requireUnderDailyCap(user.id);
    await this.dataSource.transaction((manager) => this.sendLink(manager, user.id, request.email));
  }

  private async requireRoomForAnotherMail(userId: string): Promise<void> {
    const wait = await this.tokens.secondsUntilOlderThan(userId, 'verify_email', RESEND_INTERVAL_SECONDS);
    if (wait > 0) throw tooManyAccountMails(wait);
    await this.requireUnderDailyCap(userId);
  }

  private async requireUnderDailyCap(userId: string): Promise<void> {
    if ((await this.tokens.countRecent(userId, 'verify_email', 24 * 3600)) >= MAX_PER_DAY) {
      throw tooManyAccountMails(3600);
    }
  }
}
