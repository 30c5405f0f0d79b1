import { Module } from '@nestjs/common';
import { MailOptOutsRepository } from './mail-opt-outs.repository';
import { MailPreferencesController } from './mail-preferences.controller';
import { MailPreferencesService } from './mail-preferences.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeTokens } from './unsubscribe-tokens';

/**
 * Per-kind mail preferences and unsubscribe links. Imported by MailModule (the worker asks
 * `allows` and `unsubscribeLinks`), so it must not import MailModule itself.
 */
@Module({
  controllers: [MailPreferencesController, UnsubscribeController],
  providers: [MailPreferencesService, MailOptOutsRepository, UnsubscribeTokens],
  exports: [MailPreferencesService],
})
export class MailPreferencesModule {}
