import { Module, type DynamicModule } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { CallModule } from './call/call.module';
import { ChatModule } from './chat/chat.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { MailPreferencesModule } from './mail/preferences/mail-preferences.module';
import { ModerationModule } from './moderation/moderation.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PromptDiagramsModule } from './prompts/prompt-diagrams.module';
import { PromptsModule } from './prompts/prompts.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RoomModule } from './room/room.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { ScoringModule } from './scoring/scoring.module';
import { SessionsModule } from './sessions/sessions.module';
import { SessionMailModule } from './session-mail/session-mail.module';
import { StudyPlanModule } from './study-plan/study-plan.module';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RealtimeModule,
        AuthModule,
        PromptsModule,
        PromptDiagramsModule,
        HealthModule,
        AdminModule,
        NotificationsModule,
        SessionsModule,
        SchedulingModule,
        RoomModule,
        CallModule,
        ChatModule,
        ScoringModule,
        MailPreferencesModule,
        MailModule,
        ModerationModule,
        SessionMailModule,
        StudyPlanModule,
      ],
    };
  }
}
