import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CaseStudy, ShareLinkResponse } from '@mockboard/contracts';
import { sceneToSvg } from '@mockboard/scene';
import type { AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../common/domain-error';
import { PromptsService } from '../prompts/prompts.service';
import { SessionViewsService } from '../sessions/session-views.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import type { SessionRecord } from '../sessions/session-record';
import { caseStudyMarkdown, type CaseStudyContent } from './case-study-markdown';
import { PortfolioRepository } from './portfolio.repository';
import { RevealService } from './reveal.service';
import { ScorecardsRepository, type StoredScorecard } from './scorecards.repository';
import { WhiteboardFonts } from './whiteboard-fonts';
import { isParticipant } from '../sessions/session-record';

/** Whose case study it is: a participant's own view, or an admin's view of someone else's session. */
interface Viewer {
  id: string;
  admin: boolean;
  timeZone: string;
}

export interface CaseStudyFile {
  filename: string;
  markdown: string;
}

/** One for the process: the font files never change while it runs. */
const WHITEBOARD_FONTS = new WhiteboardFonts();

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const NO_SHARE = 'No shared case study at this address (it may have been unshared)';

/**
 * The portfolio: a session's final whiteboard as SVG, the case study as Markdown, and opt-in public
 * links to one participant's view. A public case study carries the prompts, the whiteboard and the
 * feedback about its owner, but never the owner's interviewer notes: those are about the partner,
 * who did not opt in.
 */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly views: SessionViewsService,
    private readonly sessions: SessionRecordsService,
    private readonly scorecards: ScorecardsRepository,
    private readonly portfolio: PortfolioRepository,
    private readonly reveal: RevealService,
    private readonly prompts: PromptsService,
  ) {}

  /** A round's board as SVG; without a round the session's final one (its last drawn round). */
  async whiteboardSvg(user: AuthUser, sessionId: string, round?: number): Promise<string> {
    return this.svg(await this.views.visibleRecord(user, sessionId), round);
  }

  async caseStudyFile(user: AuthUser, sessionId: string): Promise<CaseStudyFile> {
    const record = await this.views.visibleRecord(user, sessionId);
    const viewer = { id: user.id, admin: !isParticipant(record, user.id), timeZone: user.timezone };
    return this.file(record, await this.content(record, viewer, true));
  }

  async share(user: AuthUser, sessionId: string): Promise<ShareLinkResponse> {
    const record = await this.ownView(user, sessionId);
    const token = await this.portfolio.ensureShareLink(
      record.session.id,
      user.id,
      randomBytes(24).toString('base64url'),
    );
    return { url: `/shared/${token}` };
  }

  /** The caller's live public link for the session, if they shared it. */
  async shareLink(user: AuthUser, sessionId: string): Promise<ShareLinkResponse> {
    const record = await this.ownView(user, sessionId);
    const token = await this.portfolio.liveShareToken(record.session.id, user.id);
    return { url: token ? `/shared/${token}` : null };
  }

  async unshare(user: AuthUser, sessionId: string): Promise<ShareLinkResponse> {
    const record = await this.ownView(user, sessionId);
    await this.portfolio.revokeShareLinks(record.session.id, user.id);
    return { url: null };
  }

  async shared(token: string): Promise<CaseStudy> {
    const { record, viewer } = await this.sharedView(token);
    const {
      timeZone: _zone,
      solo: _solo,
      startsAt,
      rounds,
      ...content
    } = await this.content(record, viewer, false);
    return {
      ...content,
      startsAt: startsAt.toISOString(),
      rounds: rounds.map(({ notes: _notes, role, ...round }) => ({
        ...round,
        role: role ?? 'candidate',
        // Each round drew on its own board (issue 14).
        whiteboardSvgUrl: `/api/shared/${token}/whiteboard.svg?round=${round.number}`,
      })),
      whiteboardSvgUrl: `/api/shared/${token}/whiteboard.svg`,
      markdownUrl: `/api/shared/${token}/case-study.md`,
    };
  }

  async sharedFile(token: string): Promise<CaseStudyFile> {
    const { record, viewer } = await this.sharedView(token);
    return this.file(record, await this.content(record, viewer, false));
  }

  async sharedSvg(token: string, round?: number): Promise<string> {
    return this.svg((await this.sharedView(token)).record, round);
  }

  /** Sharing is personal: only a participant, and only their own view. */
  private async ownView(user: AuthUser, sessionId: string): Promise<SessionRecord> {
    const record = await this.views.visibleRecord(user, sessionId);
    if (!isParticipant(record, user.id)) {
      throw forbidden("Only the session's participants share their own case study");
    }
    return record;
  }

  private async sharedView(token: string): Promise<{ record: SessionRecord; viewer: Viewer }> {
    const share = TOKEN.test(token) ? await this.portfolio.findLiveShare(token) : null;
    const record = share ? await this.sessions.find(share.sessionId) : null;
    if (!share || !record) throw notFound(NO_SHARE);
    return { record, viewer: { id: share.userId, admin: false, timeZone: share.timeZone } };
  }

  /**
   * The same document for the SVG route, the thumbnail and the case study's inline copy: one
   * round's board (each round draws on its own), by default the last one drawn on.
   */
  private async svg(record: SessionRecord, round?: number): Promise<string> {
    const shown = round ?? (await this.portfolio.lastDrawnRound(record.session.id));
    const promptId = record.rounds.find((candidate) => candidate.number === shown)?.promptId;
    const prompt = promptId ? this.prompts.get(promptId)?.title : undefined;
    const board = record.rounds.length > 1 ? `Round ${shown} whiteboard` : 'Final whiteboard';
    return sceneToSvg(await this.portfolio.sceneElements(record.session.id, shown), {
      title: prompt ? `${board}: ${prompt}` : board,
      fontFile: WHITEBOARD_FONTS.base64Of,
    });
  }

  private async file(record: SessionRecord, content: CaseStudyContent): Promise<CaseStudyFile> {
    const slug = content.rounds.find((round) => round.promptId)?.promptId ?? 'session';
    return {
      filename: `mockboard-${content.startsAt.toISOString().slice(0, 10)}-${slug}.md`,
      markdown: caseStudyMarkdown(
        content,
        await Promise.all(
          record.rounds
            .filter((round) => !round.skipped)
            .map(async (round) => ({
              round: round.number,
              svg: await this.svg(record, round.number),
            })),
        ),
      ),
    };
  }

  private async content(
    record: SessionRecord,
    viewer: Viewer,
    withNotes: boolean,
  ): Promise<CaseStudyContent> {
    await this.reveal.revealDue([record], new Date());
    const cards = await this.scorecards.forSessions([record.session.id]);
    const notes = withNotes
      ? await this.portfolio.notesBy(record.session.id, viewer.id)
      : new Map<number, string>();
    const rubric = this.prompts.rubric();
    const labels = new Map(rubric.levels.map((level) => [level.value as number, level.label]));
    const titles = new Map(rubric.dimensions.map((dimension) => [dimension.id, dimension.title]));
    // The owner reads the feedback about them once revealed; an admin (not taking part) reads all submitted.
    const visible = (card: StoredScorecard) =>
      card.kind === 'interviewer' &&
      card.submittedAt !== null &&
      (viewer.admin || (card.subjectId === viewer.id && card.revealedAt !== null));

    // A round the interview ended before has no design to show.
    const rounds = record.rounds
      .filter((round) => !round.skipped)
      .map((round) => {
        const prompt = round.promptId ? this.prompts.get(round.promptId) : undefined;
        const role =
          round.candidateId === viewer.id
            ? 'candidate'
            : round.interviewerId === viewer.id
              ? 'interviewer'
              : null;
        return {
          number: round.number,
          role: role as CaseStudyContent['rounds'][number]['role'],
          promptId: round.promptId,
          promptTitle: prompt?.title ?? null,
          problemStatement: prompt?.problemStatement ?? null,
          notes: notes.get(round.number) ?? null,
        };
      });
    const promptTitles = rounds.flatMap((round) => (round.promptTitle ? [round.promptTitle] : []));
    return {
      title: `Case study: ${promptTitles.join(' · ') || 'system-design practice'}`,
      startsAt: record.session.startsAt,
      timeZone: viewer.timeZone,
      format: record.session.format,
      solo: record.session.kind === 'solo',
      rounds,
      feedback: cards.filter(visible).map((card) => ({
        round: card.round,
        weightedScore: card.weightedScore,
        dimensions: card.dimensions.map((score) => ({
          dimensionId: score.dimensionId,
          title: titles.get(score.dimensionId) ?? score.dimensionId,
          level: score.level,
          levelLabel: score.level === null ? null : (labels.get(score.level) ?? null),
          evidence: score.evidence,
        })),
        strengths: card.strengths,
        improvements: card.improvements,
      })),
    };
  }
}
