import { Module } from '@nestjs/common';
import { PromptsModule } from '../prompts/prompts.module';
import { StudyPlanCompletionsRepository } from './study-plan-completions.repository';
import { StudyPlanController } from './study-plan.controller';
import { StudyPlanRepository } from './study-plan.repository';
import { StudyPlanService } from './study-plan.service';

/** Issue 17: each user's study plan board, its default from the prompt library, its Markdown export. */
@Module({
  imports: [PromptsModule],
  controllers: [StudyPlanController],
  providers: [StudyPlanRepository, StudyPlanCompletionsRepository, StudyPlanService],
})
export class StudyPlanModule {}
