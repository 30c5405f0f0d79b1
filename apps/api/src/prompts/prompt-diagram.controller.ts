import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReferenceDiagramView } from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { PromptDiagramsService } from './prompt-diagrams.service';

@ApiTags('prompts')
@Controller()
export class PromptDiagramController {
  constructor(private readonly diagrams: PromptDiagramsService) {}

  @Get('prompts/:id/diagram')
  @ApiOperation({
    summary:
      "A prompt's reference design: the diagram and its Excalidraw scene (the interviewer's guide: admins)",
  })
  forPrompt(@CurrentUser() user: AuthUser, @Param('id') id: string): ReferenceDiagramView {
    return this.diagrams.forPrompt(user, id);
  }

  @Get('sessions/:id/rounds/:round/diagram')
  @ApiOperation({
    summary:
      "The reference design of a round's prompt: for the round's interviewer and admins, and for both participants once the session has ended",
  })
  forRound(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('round', ParseIntPipe) round: number,
  ): Promise<ReferenceDiagramView> {
    return this.diagrams.forRound(user, id, round);
  }
}
