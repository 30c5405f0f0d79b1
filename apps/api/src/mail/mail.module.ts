import { Global, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { mailConfigWarnings } from '../config/mail-config';
import { DevMailboxController } from './dev-mailbox.controller';
import { DevMailboxRepository } from './dev-mailbox.repository';
import { DevMailboxService } from './dev-mailbox.service';
import { DevMailboxTransport } from './dev-mailbox.transport';
import { MAIL_TRANSPORT } from './mail-transport.token';
import { MailService } from './mail.service';
import { MailWorker } from './mail.worker';
import { OutgoingMailRepository } from './outgoing-mail.repository';
import { MailPreferencesModule } from './preferences/mail-preferences.module';

/**
 * Outgoing mail: MailService (enqueue, registerComposer) for every feature module, the worker that
 * sends, and the dev mailbox. Global so a feature module that writes a kind of mail needs no import.
 */
@Global()
@Module({
  imports: [MailPreferencesModule],
  controllers: [DevMailboxController],
  providers: [
    MailService,
    MailWorker,
    OutgoingMailRepository,
    DevMailboxRepository,
    DevMailboxService,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG, DevMailboxRepository],
      useFactory: async (config: AppConfig, mailbox: DevMailboxRepository) => {
        if (!config.mail.smtpUrl) return new DevMailboxTransport(mailbox);
        // nodemailer is loaded only for SMTP: the dev mailbox needs none of it.
        const { SmtpMailTransport } = await import('./smtp-mail.transport');
        return new SmtpMailTransport(config.mail.smtpUrl);
      },
    },
  ],
  exports: [MailService],
})
export class MailModule implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Said once at start, where whoever deploys reads the log, rather than found in a reader's inbox. */
  onModuleInit(): void {
    const logger = new Logger(MailModule.name);
    for (const warning of mailConfigWarnings(this.config)) logger.warn(warning);
  }
}
