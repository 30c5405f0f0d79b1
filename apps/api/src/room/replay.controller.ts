import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BoardQuerySchema,
  type BoardQuery,
  type BoardResponse,
  ReplayQuerySchema,
  type ReplayQuery,
  type ReplayResponse,
} from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidQuery } from '../common/validated.decorators';
import { ReplayService } from './replay.service';

@ApiTags('sessions')
@Controller('sessions')
export class ReplayController {
  constructor(private readonly replays: ReplayService) {}

  @Get(':id/board')
  @ApiOperation({
    summary: "One round's whiteboard as stored now (`?round=1` or `2`; participants and admins)",
  })
  board(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidQuery(BoardQuerySchema) query: BoardQuery,
  ): Promise<BoardResponse> {
    return this.replays.board(user, id, query.round);
  }

  @Get(':id/replay')
  @ApiOperation({
    summary:
      'Accepted whiteboard, phase and round changes and chat messages in order, one page at a time: pass nextCursor as ' +
      '`after` until it is null (participants and admins)',
  })
  replay(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidQuery(ReplayQuerySchema) query: ReplayQuery,
  ): Promise<ReplayResponse> {
    return this.replays.replay(user, id, query);
  }
}
