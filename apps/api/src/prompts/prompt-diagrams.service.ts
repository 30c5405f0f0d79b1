import { Inject, Injectable } from '@nestjs/common';
import type { ReferenceDiagramView } from '@mockboard/contracts';
import type { AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../common/domain-error';
import { SessionViewsService } from '../sessions/session-views.service';
import { mayReadInterviewerMaterial } from '../sessions/interviewer-material';
import { PROMPT_LIBRARY } from './prompt-library.token';
import type { PromptLibrary } from './prompt-library.loader';

/**
 * Who may open a prompt's reference design. It is part of the interviewer's guide, so it follows the
 * guide's rule (admins; in a session, the round's interviewer); once the session has ended, both
 * participants may open it for the prompts of their rounds, to compare with their own boards.
 */
@Injectable()
export class PromptDiagramsService {
  constructor(
    @Inject(PROMPT_LIBRARY) private readonly library: PromptLibrary,
    private readonly sessions: SessionViewsService,
  ) {}

  forPrompt(viewer: AuthUser, promptId: string): ReferenceDiagramView {
    const view = this.view(promptId);
    if (viewer.role !== 'admin') {
      throw forbidden(
        "The reference design is part of the interviewer's guide: the round's interviewer sees it in the room, " +
          'and both participants after the session',
      );
    }
    return view;
  }

  /** Non-participants learn nothing of the session (404), as for its other routes. */
  async forRound(viewer: AuthUser, sessionId: string, roundNumber: number): Promise<ReferenceDiagramView> {
    const record = await this.sessions.visibleRecord(viewer, sessionId);
    const round = record.rounds.find((candidate) => candidate.number === roundNumber);
    if (!round) throw notFound(`This session has no round ${roundNumber}`);
    if (!round.promptId) throw notFound(`Round ${roundNumber} has no prompt, so no reference design`);
    const view = this.view(round.promptId);
    if (!mayReadInterviewerMaterial(viewer, record, round)) {
      throw forbidden(
        "The reference design opens for both participants once the session has ended; until then it is the interviewer's",
      );
    }
    return view;
  }

  private view(promptId: string): ReferenceDiagramView {
    const prompt = this.library.prompts.find((candidate) => candidate.id === promptId);
    if (!prompt) throw notFound(`No prompt with id "${promptId}"`);
    const loaded = this.library.diagrams.get(promptId);
    if (!loaded) throw notFound(`The prompt "${prompt.title}" has no reference design yet`);
    return { promptId, promptTitle: prompt.title, diagram: loaded.diagram, elements: loaded.elements };
  }
}
