import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  MAIL_KIND_LABELS,
  OPTIONAL_MAIL_KINDS,
  OptionalMailKindSchema,
  type MailKind,
  type MailPreferences,
  type OptionalMailKind,
  type UnsubscribeInfo,
  type UpdateMailPreferencesRequest,
} from '@mockboard/contracts';
import { invalid } from '../../common/domain-error';
import { PublicUrl } from '../../config/public-url';
import { MailOptOutsRepository } from './mail-opt-outs.repository';
import { maskedEmail } from './masked-email';
import type { UnsubscribeGrant } from './unsubscribe-token';
import { UnsubscribeTokens } from './unsubscribe-tokens';

export interface UnsubscribeLinks {
  /** The page a reader clicks in the mail: says what stops, asks to confirm. */
  pageUrl: string;
  /** The List-Unsubscribe target: a mail provider POSTs here (RFC 8058 one-click). */
  oneClickUrl: string;
}

const BAD_LINK =
  'This unsubscribe link is not valid (it may have been cut off); open it from the email again, ' +
  'or sign in and change your email preferences in your profile';

/** Which kinds of mail each user wants, and the signed links that turn one kind off. */
@Injectable()
export class MailPreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly optOuts: MailOptOutsRepository,
    private readonly tokens: UnsubscribeTokens,
    private readonly publicUrl: PublicUrl,
  ) {}

  /** Whether this kind may be sent to this user: verification and reset always; others unless opted out. */
  async allows(manager: EntityManager, userId: string, kind: MailKind): Promise<boolean> {
    const optional = OptionalMailKindSchema.safeParse(kind);
    if (!optional.success) return true;
    return !(await this.optOuts.isOptedOut(manager, userId, optional.data));
  }

  /** Links are built from PUBLIC_URL (never a request's Host): they live on in mailboxes. */
  unsubscribeLinks(userId: string, kind: OptionalMailKind): UnsubscribeLinks {
    const token = encodeURIComponent(this.tokens.sign({ userId, kind }));
    const origin = this.publicUrl.origin;
    return {
      pageUrl: `${origin}/unsubscribe?token=${token}`,
      oneClickUrl: `${origin}/api/mail/unsubscribe?token=${token}`,
    };
  }

  async preferences(userId: string): Promise<MailPreferences> {
    const off = new Set(await this.optOuts.optedOutKinds(this.dataSource.manager, userId));
    return Object.fromEntries(OPTIONAL_MAIL_KINDS.map((kind) => [kind, !off.has(kind)])) as MailPreferences;
  }

  /** Applies the kinds given, leaves the others as they are, and answers with all of them. */
  async update(userId: string, changes: UpdateMailPreferencesRequest): Promise<MailPreferences> {
    const given = OPTIONAL_MAIL_KINDS.filter((kind) => changes[kind] !== undefined);
    await this.dataSource.transaction(async (manager) => {
      await this.optOuts.optOut(
        manager,
        userId,
        given.filter((kind) => changes[kind] === false),
      );
      await this.optOuts.optIn(
        manager,
        userId,
        given.filter((kind) => changes[kind] === true),
      );
    });
    return this.preferences(userId);
  }

  /** What the unsubscribe page shows for a link. */
  async describe(token: string): Promise<UnsubscribeInfo> {
    return this.infoFor(await this.grantOf(token));
  }

  /** Idempotent, so a provider's retried one-click POST and a second click both simply succeed. */
  async unsubscribe(token: string): Promise<UnsubscribeInfo> {
    const grant = await this.grantOf(token);
    await this.optOuts.optOut(this.dataSource.manager, grant.userId, [grant.kind]);
    return this.infoFor(grant);
  }

  /** The page's Undo: the same token turns the kind back on. */
  async resubscribe(token: string): Promise<UnsubscribeInfo> {
    const grant = await this.grantOf(token);
    await this.optOuts.optIn(this.dataSource.manager, grant.userId, [grant.kind]);
    return this.infoFor(grant);
  }

  private async grantOf(token: string): Promise<UnsubscribeGrant & { email: string }> {
    const grant = this.tokens.verify(token);
    // A deleted account's link is as dead as a forged one: nothing left to unsubscribe.
    const email = grant && (await this.optOuts.emailOf(this.dataSource.manager, grant.userId));
    if (!grant || !email) throw invalid(BAD_LINK);
    return { ...grant, email };
  }

  private async infoFor(grant: UnsubscribeGrant & { email: string }): Promise<UnsubscribeInfo> {
    const manager = this.dataSource.manager;
    return {
      kind: grant.kind,
      label: MAIL_KIND_LABELS[grant.kind],
      email: maskedEmail(grant.email),
      subscribed: !(await this.optOuts.isOptedOut(manager, grant.userId, grant.kind)),
    };
  }
}
