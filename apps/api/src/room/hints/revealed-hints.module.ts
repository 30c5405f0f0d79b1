import { Module } from '@nestjs/common';
import { PromptsModule } from '../../prompts/prompts.module';
import { HintRevealsRepository } from './hint-reveals.repository';
import { RevealedHintsService } from './revealed-hints.service';

/** The store of revealed hints (issue 17), shared by the room (which writes it) and the scorecards. */
@Module({
  imports: [PromptsModule],
  providers: [HintRevealsRepository, RevealedHintsService],
  exports: [RevealedHintsService],
})
export class RevealedHintsModule {}
