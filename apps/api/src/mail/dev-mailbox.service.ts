import { Inject, Injectable } from '@nestjs/common';
import type { DevMailboxResponse } from '@mockboard/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { DevMailboxRepository } from './dev-mailbox.repository';

/** The admins' view of the dev mailbox, and whether mail goes to SMTP instead. */
@Injectable()
export class DevMailboxService {
  constructor(
    private readonly mailbox: DevMailboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<DevMailboxResponse> {
    return {
      messages: await this.mailbox.newestFirst(),
      deliversToSmtp: this.config.mail.smtpUrl !== null,
    };
  }
}
