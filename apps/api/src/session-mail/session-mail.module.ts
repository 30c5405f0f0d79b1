import { Module, type OnModuleInit } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { MailService } from '../mail/mail.service';
import { SessionsModule } from '../sessions/sessions.module';
import { InvitationMailComposers } from './invitation-mail.composers';
import { NoticeMailComposers } from './notice-mail.composers';
import { SessionMailContext } from './session-mail-context';

/**
 * Issue 15: the mails about sessions (booked, rescheduled, cancelled, reminder, no-show, feedback
 * ready). The changes that cause them enqueue them (mail/requests/session-mail-requests.ts); this module writes
 * them when the mail worker sends them.
 */
@Module({
  imports: [MailModule, SessionsModule],
  providers: [SessionMailContext, InvitationMailComposers, NoticeMailComposers],
})
export class SessionMailModule implements OnModuleInit {
  constructor(
    private readonly mail: MailService,
    private readonly invitations: InvitationMailComposers,
    private readonly notices: NoticeMailComposers,
  ) {}

  onModuleInit(): void {
    this.mail.registerComposer('booked', this.invitations.booked);
    this.mail.registerComposer('rescheduled', this.invitations.rescheduled);
    this.mail.registerComposer('cancelled', this.invitations.cancelled);
    this.mail.registerComposer('reminder', this.notices.reminder);
    this.mail.registerComposer('no_show', this.notices.noShow);
    this.mail.registerComposer('feedback_ready', this.notices.feedbackReady);
  }
}
