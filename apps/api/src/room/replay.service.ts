import { Injectable } from '@nestjs/common';
import {
  REPLAY_PAGE,
  drawableOnly,
  type BoardResponse,
  type HintStage,
  type ReplayEntry,
  type ReplayQuery,
  type ReplayResponse,
} from '@mockboard/contracts';
import type { AuthUser } from '../auth/auth-user';
import { SessionViewsService } from '../sessions/session-views.service';
import { ReplayRepository, type LogEntry } from './replay.repository';

/** What a session left behind, for those who may see it: each round's board, and its log page by page. */
@Injectable()
export class ReplayService {
  constructor(
    private readonly replays: ReplayRepository,
    private readonly views: SessionViewsService,
  ) {}

  /** Round 1's board stays viewable from round 2 (and after): each round draws on its own. */
  async board(user: AuthUser, sessionId: string, round: number): Promise<BoardResponse> {
    await this.views.visibleRecord(user, sessionId);
    // Scenes stored before the element allow-list may hold iframes: never handed out (as in a join).
    const elements = drawableOnly(await this.replays.board(sessionId, round));
    return { sessionId, round, elements };
  }

  /**
   * Paged, so ten concurrent replays of a 50 MB log cost ten pages of memory, not ten logs
   * (issue 11: whole logs in memory took 2.9 GB and stalled /api/health).
   */
  async replay(user: AuthUser, sessionId: string, page: ReplayQuery): Promise<ReplayResponse> {
    await this.views.visibleRecord(user, sessionId);
    const after = Number(page.after ?? 0);
    const { rows, more } = await this.replays.logPage(sessionId, {
      after,
      limit: page.limit ?? REPLAY_PAGE.defaultLimit,
      maxBytes: REPLAY_PAGE.maxPageBytes,
    });
    const entries = rows.map((row): ReplayEntry => ({
      seq: row.seq,
      at: row.at.toISOString(),
      kind: row.kind,
      element: row.element,
      phase: row.phase as ReplayEntry['phase'],
      round: row.round,
      message: chatMessageOf(sessionId, row),
      hint: hintOf(sessionId, row),
    }));
    return {
      sessionId,
      entries,
      nextCursor: more ? String(entries.at(-1)!.seq) : null,
      // Counted on the first page only: the client keeps it for its progress.
      total: after === 0 ? await this.replays.logLength(sessionId) : null,
    };
  }
}

/** A chat entry's message as the chat hands it out; null for the board's entries. */
function chatMessageOf(sessionId: string, entry: LogEntry): ReplayEntry['message'] {
  if (entry.kind !== 'chat' || entry.chatId === null) return null;
  return {
    id: entry.chatId,
    sessionId,
    authorId: entry.authorId!,
    authorName: entry.authorName ?? '',
    text: entry.text ?? '',
    round: Number(entry.round),
    sentAt: entry.at.toISOString(),
  };
}

/** A hint entry's reveal as the room handed it out; null for every other entry. */
function hintOf(sessionId: string, entry: LogEntry): ReplayEntry['hint'] {
  if (entry.kind !== 'hint' || entry.stage === null) return null;
  return {
    sessionId,
    round: Number(entry.round),
    phase: entry.phase as NonNullable<ReplayEntry['hint']>['phase'],
    stage: entry.stage as HintStage,
    text: entry.text ?? '',
    revealedBy: entry.authorId!,
    revealedAt: entry.at.toISOString(),
  };
}
