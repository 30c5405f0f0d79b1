import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PromptListQuerySchema,
  type PromptDetail,
  type PromptListQuery,
  type PromptListResponse,
  type Rubric,
} from '@mockboard/contracts';
import { CurrentUser, OptionalAuth, Public } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidQuery } from '../common/validated.decorators';
import { PromptsService } from './prompts.service';

@ApiTags('prompts')
@Controller()
export class PromptsController {
  constructor(private readonly prompts: PromptsService) {}

  @Get('prompts')
  @OptionalAuth()
  @ApiOperation({
    summary:
      'The prompt library, filtered by tag, difficulty, roadmap phase, text and (signed in) what the caller has practised',
  })
  list(
    @ValidQuery(PromptListQuerySchema) query: PromptListQuery,
    @CurrentUser() user: AuthUser | undefined,
  ): Promise<PromptListResponse> {
    return this.prompts.list(query, user);
  }

  @Get('prompts/:id')
  @OptionalAuth()
  @ApiOperation({ summary: "One prompt: the candidate's view, or the interviewer's guide for admins" })
  detail(@Param('id') id: string, @CurrentUser() user: AuthUser | undefined): PromptDetail {
    return this.prompts.detail(id, user);
  }

  @Get('rubric')
  @Public()
  @ApiOperation({ summary: 'The scoring rubric: weighted dimensions, anchored levels, recommendations' })
  rubric(): Rubric {
    return this.prompts.rubric();
  }
}
