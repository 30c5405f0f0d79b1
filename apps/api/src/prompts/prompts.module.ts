import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PractisedPromptsRepository } from './practised-prompts.repository';
import { loadPromptLibrary } from './prompt-library.loader';
import { PROMPT_LIBRARY } from './prompt-library.token';
import { PromptsController } from './prompts.controller';
import { PromptsService } from './prompts.service';

@Module({
  controllers: [PromptsController],
  providers: [
    {
      provide: PROMPT_LIBRARY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadPromptLibrary(config.promptsDir),
    },
    PractisedPromptsRepository,
    PromptsService,
  ],
  // The library itself for PromptDiagramsModule, which serves the diagrams loaded with it.
  exports: [PromptsService, PROMPT_LIBRARY],
})
export class PromptsModule {}
