import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProgressResponse } from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ProgressService } from './progress.service';

@ApiTags('me')
@Controller('me')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get('progress')
  @ApiOperation({
    summary:
      'Your progress: per-dimension trends from revealed feedback, self vs partner averages, strongest ' +
      'and weakest dimensions, prompts done, weekly streak, session history',
  })
  get(@CurrentUser() user: AuthUser): Promise<ProgressResponse> {
    return this.progress.progress(user);
  }
}
