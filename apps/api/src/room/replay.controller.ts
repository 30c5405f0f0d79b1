import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BoardQuerySchema,
  REPLAY_PAGE,
  drawableOnly,
  type BoardQuery,
  type BoardResponse,
  ReplayQuerySchema,
  type ReplayEntry,
  type ReplayQuery,
  type ReplayResponse,
} from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidQuery } from '../common/validated.decorators';
import { SessionViewsService } from '../sessions/session-views.service';
import { SceneRepository, type LogRow } from './scene.repository';

@ApiTags('sessions')
@Controller('sessions')
export class ReplayController {
  constructor(
    private readonly scenes: SceneRepository,
    private readonly views: SessionViewsService,
  ) {}

  /** Round 1's board stays viewable from round 2 (and after): each round draws on its own. */
  @Get(':id/board')
  @ApiOperation({
    summary: "One round's whiteboard as stored now (`?round=1` or `2`; participants and admins)",
  })
  async board(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidQuery(BoardQuerySchema) query: BoardQuery,
  ): Promise<BoardResponse> {
    await this.views.visibleRecord(user, id);
    // Scenes stored before the element allow-list may hold iframes: never handed out (as in a join).
    const elements = drawableOnly(await this.scenes.board(id, query.round));
    return { sessionId: id, round: query.round, elements };
  }

  /**
   * Paged, so ten concurrent replays of a 50 MB log cost ten pages of memory, not ten logs
   * (issue 11: whole logs in memory took 2.9 GB and stalled /api/health).
   */
  @Get(':id/replay')
  @ApiOperation({
    summary:
      'Accepted whiteboard, phase and round changes and chat messages in order, one page at a time: pass nextCursor as ' +
      '`after` until it is null (participants and admins)',
  })
  async replay(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidQuery(ReplayQuerySchema) query: ReplayQuery,
  ): Promise<ReplayResponse> {
    await this.views.visibleRecord(user, id);
    const after = Number(query.after ?? 0);
    const { rows, more } = await this.scenes.logPage(id, {
      after,
      limit: query.limit ?? REPLAY_PAGE.defaultLimit,
      maxBytes: REPLAY_PAGE.maxPageBytes,
    });
    const entries = rows.map((row): ReplayEntry => ({
      seq: Number(row.seq),
      at: row.at.toISOString(),
      kind: row.kind,
      element: row.element,
      phase: row.phase as ReplayEntry['phase'],
      round: row.round === null ? null : Number(row.round),
      message: chatMessageOf(id, row),
    }));
    return {
      sessionId: id,
      entries,
      nextCursor: more ? String(entries.at(-1)!.seq) : null,
      // Counted on the first page only: the client keeps it for its progress.
      total: after === 0 ? await this.scenes.logLength(id) : null,
    };
  }
}

/** A chat row's message as the chat hands it out; null for the board's rows. */
function chatMessageOf(sessionId: string, row: LogRow): ReplayEntry['message'] {
  if (row.kind !== 'chat' || row.chat_id === null) return null;
  return {
    id: row.chat_id,
    sessionId,
    authorId: row.author_id!,
    authorName: row.author_name ?? '',
    text: row.text ?? '',
    round: Number(row.round),
    sentAt: row.at.toISOString(),
  };
}
