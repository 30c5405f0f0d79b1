import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PublicUrl } from '../config/public-url';
import { buttonHtml, paragraphsHtml } from '../mail/mail-layout';
import { MailService } from '../mail/mail.service';
import type { ComposedMail, MailReader, SkippedMail } from '../mail/mail.types';
import { ACCOUNT_TOKEN_TTL_MS } from './account-token';
import { AccountTokensRepository } from './account-tokens.repository';

/** What the verification and reset mails were queued with (see EmailVerificationService, PasswordResetService). */
interface AccountMailData {
  tokenId: string;
  token: string;
  /** verify_email: the address the link proves (the new one, for a change of address). */
  email?: string;
}

const HOURS = (ms: number): number => Math.round(ms / 3600_000);

/**
 * Writes the two mails that answer the reader's own request. Links come from PublicUrl (PUBLIC_URL),
 * never a request's Host header, which anyone can forge. A link already used or replaced by the time
 * the mail goes out is not sent.
 */
@Injectable()
export class AccountMailComposers implements OnModuleInit {
  constructor(
    private readonly mail: MailService,
    private readonly publicUrl: PublicUrl,
    private readonly tokens: AccountTokensRepository,
  ) {}

  onModuleInit(): void {
    this.mail.registerComposer('verify_email', {
      compose: (manager, reader, data) =>
        this.verifyEmail(manager, reader, data as unknown as AccountMailData),
    });
    this.mail.registerComposer('password_reset', {
      compose: (manager, reader, data) =>
        this.passwordReset(manager, reader, data as unknown as AccountMailData),
    });
  }

  private async verifyEmail(
    manager: EntityManager,
    reader: MailReader,
    data: AccountMailData,
  ): Promise<ComposedMail | SkippedMail> {
    if (!(await this.tokens.isUsable(manager, data.tokenId)))
      return { skip: 'the link was used or replaced' };
    const address = data.email ?? reader.email;
    const isChange = address.toLowerCase() !== reader.email.toLowerCase();
    const link = this.link('/verify-email', data.token);
    const hours = HOURS(ACCOUNT_TOKEN_TTL_MS.verify_email);
    const paragraphs = isChange
      ? [
          `Hi ${reader.displayName},`,
          `You asked to change the email address of your Mockboard account to ${address}. Open this link to confirm it; until then your account keeps its current address.`,
        ]
      : [
          `Hi ${reader.displayName},`,
          `Welcome to Mockboard! Open this link to verify ${address}. Once verified, you can book and offer practice sessions and be matched with a partner.`,
        ];
    const after = [
      `The link works for ${hours} hours and only once.`,
      'If you did not ask for this, ignore this email: nothing changes.',
    ];
    return {
      ...(isChange ? { to: address } : {}),
      subject: isChange
        ? 'Confirm your new Mockboard email address'
        : 'Verify your email address for Mockboard',
      text: [...paragraphs, link, ...after].join('\n\n'),
      html:
        paragraphsHtml(paragraphs) +
        buttonHtml(isChange ? 'Confirm new address' : 'Verify email address', link) +
        paragraphsHtml(after),
    };
  }

  private async passwordReset(
    manager: EntityManager,
    reader: MailReader,
    data: AccountMailData,
  ): Promise<ComposedMail | SkippedMail> {
    if (!(await this.tokens.isUsable(manager, data.tokenId)))
      return { skip: 'the link was used or replaced' };
    const link = this.link('/reset-password', data.token);
    const paragraphs = [
      `Hi ${reader.displayName},`,
      'Someone (we hope you) asked to reset the password of your Mockboard account. Open this link to choose a new one:',
    ];
    const after = [
      `The link works for ${HOURS(ACCOUNT_TOKEN_TTL_MS.password_reset)} hour and only once. Setting a new password signs you out everywhere.`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ];
    return {
      subject: 'Reset your Mockboard password',
      text: [...paragraphs, link, ...after].join('\n\n'),
      html: paragraphsHtml(paragraphs) + buttonHtml('Choose a new password', link) + paragraphsHtml(after),
    };
  }

  private link(path: string, token: string): string {
    return `${this.publicUrl.origin}${path}?token=${encodeURIComponent(token)}`;
  }
}
