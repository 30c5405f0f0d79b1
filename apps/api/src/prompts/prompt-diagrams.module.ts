import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { PromptDiagramController } from './prompt-diagram.controller';
import { PromptDiagramsService } from './prompt-diagrams.service';
import { PromptsModule } from './prompts.module';

/**
 * The reference designs, apart from PromptsModule: their access rule reads sessions, and
 * SessionsModule already imports PromptsModule.
 */
@Module({
  imports: [PromptsModule, SessionsModule],
  controllers: [PromptDiagramController],
  providers: [PromptDiagramsService],
})
export class PromptDiagramsModule {}
