import { Injectable } from '@nestjs/common';
import {
  INTERVIEW_PHASE_TITLES,
  type HintReveal,
  type HintRevealRequest,
  type HintStage,
  type InterviewPhase,
} from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import type { AuthUser } from '../../auth/auth-user';
import { conflict, forbidden, invalid } from '../../common/domain-error';
import { PromptsService } from '../../prompts/prompts.service';
import type { SessionRecord } from '../../sessions/session-record';
import { SessionViewsService } from '../../sessions/session-views.service';
import { RoomService } from '../room.service';
import { RevealedHintsService } from './revealed-hints.service';

/** A reveal as stored, and whether this call stored it (false: it was revealed before). */
export interface RevealResult {
  reveal: HintReveal;
  created: boolean;
}

/**
 * The room's staged hints (issue 17): the round's interviewer reveals a prompt's hint to the
 * candidate, one stage at a time per phase; what was revealed is kept for the room, the replay
 * and the scorecard.
 */
@Injectable()
export class HintsService {
  constructor(
    private readonly room: RoomService,
    private readonly views: SessionViewsService,
    private readonly prompts: PromptsService,
    private readonly reveals: RevealedHintsService,
  ) {}

  async reveal(user: AuthUser, request: HintRevealRequest): Promise<RevealResult> {
    const { sessionId, round: roundNumber, phase, stage } = request;
    const record = await this.views.visibleRecord(user, sessionId);
    const round = record.rounds.find((candidate) => candidate.number === roundNumber);
    if (!round) throw invalid(`This session has no round ${roundNumber}`);
    if (!mayReveal(record, round, user.id)) {
      throw forbidden("Only the round's interviewer reveals hints to the candidate");
    }
    if (!sessionAllows(record.session.status, 'use_room')) {
      throw conflict(`The session is ${record.session.status}; hints can no longer be revealed`);
    }
    const state = await this.room.state(record);
    if (state.round !== roundNumber) {
      throw conflict(
        state.round > roundNumber
          ? `Round ${roundNumber} is over; reveal hints for round ${state.round}`
          : `Round ${roundNumber} has not started yet`,
      );
    }
    const text = this.hintText(round.promptId, phase, stage);
    const outcome = await this.reveals.store({
      sessionId,
      round: roundNumber,
      phase,
      stage,
      text,
      revealedBy: user.id,
    });
    if ('stored' in outcome) return { reveal: outcome.stored, created: outcome.created };
    if (outcome.refused === 'closed')
      throw conflict('The interview has ended; hints can no longer be revealed');
    throw invalid(`stage: reveal hint ${stage - 1} of the ${title(phase)} phase first`);
  }

  /** One round's reveals, oldest first (every round's without `round`). */
  revealed(sessionId: string, round?: number): Promise<HintReveal[]> {
    return this.reveals.ofSession(sessionId, round);
  }

  /** The hint's text as the prompt has it now; a phase or stage the prompt lacks is `invalid`. */
  private hintText(promptId: string | null, phase: InterviewPhase, stage: HintStage): string {
    const prompt = promptId ? this.prompts.get(promptId) : undefined;
    if (!prompt) throw invalid('This round has no prompt, so it has no hints');
    const hints = prompt.hints.find((candidate) => candidate.phase === phase)?.hints;
    if (!hints) throw invalid(`phase: this prompt has no hints for the ${title(phase)} phase`);
    const text = hints[stage - 1];
    if (text === undefined) {
      throw invalid(`stage: the ${title(phase)} phase has ${hints.length} hints, not ${stage}`);
    }
    return text;
  }
}

/** The round's interviewer; in solo practice the one participant holds both roles. */
function mayReveal(record: SessionRecord, round: SessionRecord['rounds'][number], userId: string): boolean {
  if (round.interviewerId !== userId) return false;
  return round.candidateId !== userId || record.session.kind === 'solo';
}

const title = (phase: InterviewPhase) => INTERVIEW_PHASE_TITLES[phase];
