import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pickSurprisePrompt, toPromptDetail } from '@mockboard/prompts';
import type { RoundPromptChoices, RoundPromptView } from '@mockboard/contracts';
import { sessionAllows, type PlannedRound } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { PromptsService } from '../prompts/prompts.service';
import { RevealedHintsService } from '../room/hints/revealed-hints.service';
import { mayReadInterviewerMaterial } from './interviewer-material';
import type { SessionRecord } from './session-record';
import { SessionsRepository } from './sessions.repository';
import { conflict, forbidden, notFound } from '../common/domain-error';

/**
 * Which prompt each round uses. A candidate is never asked a prompt they have been asked before;
 * "surprise me" prefers prompts the interviewer has answered themselves, so they know them.
 */
@Injectable()
export class RoundPromptsService {
  constructor(
    private readonly prompts: PromptsService,
    private readonly sessions: SessionsRepository,
    private readonly hints: RevealedHintsService,
  ) {}

  /** Throws a 400 naming `field` when the id is not in the library. */
  requireKnownPrompt(promptId: string, field = 'promptId'): void {
    if (!this.prompts.get(promptId)) {
      throw new RequestValidationError('body', [
        { field, message: `"${promptId}" is not a prompt in the library` },
      ]);
    }
  }

  /**
   * Prompts for a new session's rounds: the requested prompt for round 1 when its candidate has not
   * been asked it; otherwise left for the round's interviewer to choose.
   */
  async initial(
    manager: EntityManager,
    rounds: PlannedRound[],
    requestedPromptId: string | null,
  ): Promise<(PlannedRound & { promptId: string | null })[]> {
    const result: (PlannedRound & { promptId: string | null })[] = [];
    for (const round of rounds) {
      let promptId: string | null = null;
      if (round.number === 1 && requestedPromptId) {
        const asked = await this.sessions.promptsAskedOf(round.candidateId, manager);
        if (!asked.has(requestedPromptId) || round.candidateId === round.interviewerId)
          promptId = requestedPromptId;
      }
      result.push({ ...round, promptId });
    }
    return result;
  }

  /** Prompts the user has already been asked as a candidate (sessions not cancelled). */
  askedOf(userId: string, manager: EntityManager): Promise<Set<string>> {
    return this.sessions.promptsAskedOf(userId, manager);
  }

  /**
   * What the round's interviewer may choose from, before they choose (RoundPromptChoices): only
   * while its prompt may still change, as the candidate's history is theirs to know only for that.
   */
  async choicesFor(record: SessionRecord, roundNumber: number, userId: string): Promise<RoundPromptChoices> {
    const round = this.interviewedRound(record, roundNumber, userId);
    requirePromptsOpen(record);
    await this.requireRoundNotOver(record, roundNumber);
    const asked = await this.askedOfCandidate(round);
    return { askedBefore: [...asked], inThisSession: [...otherRoundsPrompts(record, roundNumber)] };
  }

  /** The round's prompt id as stored now. */
  currentPromptId(sessionId: string, roundNumber: number): Promise<string | null> {
    return this.sessions.roundPromptId(sessionId, roundNumber);
  }

  /**
   * The round's prompt as `viewer` may see it: the guide only for whoever may read its interviewer
   * material (never a candidate of that prompt in this session while it runs), else the problem.
   */
  viewFor(record: SessionRecord, roundNumber: number, viewer: AuthUser): RoundPromptView {
    const round = record.rounds.find((candidate) => candidate.number === roundNumber);
    if (!round) throw notFound(`This session has no round ${roundNumber}`);
    const prompt = round.promptId ? this.prompts.get(round.promptId) : undefined;
    const reader = mayReadInterviewerMaterial(viewer, record, round) ? 'interviewer' : 'candidate';
    return { prompt: prompt ? toPromptDetail(prompt, reader) : null };
  }

  /** The round's interviewer picks its prompt, or asks for a surprise. Returns the chosen id. */
  async choose(
    manager: EntityManager,
    record: SessionRecord,
    roundNumber: number,
    userId: string,
    requested: string,
  ): Promise<string> {
    const round = this.interviewedRound(record, roundNumber, userId);
    requirePromptsOpen(record);
    await this.requireRoundNotOver(record, roundNumber, manager);
    // Reveals are kept per round and phase: another prompt's hints would collide with the ones shown.
    if (round.promptId && (await this.hints.ofSession(record.session.id, roundNumber, manager)).length > 0) {
      throw conflict("Hints of this round's prompt have been revealed, so the round keeps its prompt");
    }
    const asked = await this.askedOfCandidate(round, manager);
    if (requested !== 'surprise') {
      this.requireKnownPrompt(requested);
      if (asked.has(requested)) {
        throw conflict('Your candidate has already been asked this prompt; choose another or "surprise"');
      }
      return requested;
    }
    const answered = await this.sessions.promptsAskedOf(round.interviewerId, manager);
    const picked = pickSurprisePrompt({
      prompts: this.prompts.all(),
      askedOfCandidate: asked,
      answeredByInterviewer: answered,
      usedInSession: otherRoundsPrompts(record, roundNumber),
    });
    if (!picked) throw conflict('Your candidate has already been asked every prompt in the library');
    return picked.id;
  }

  /**
   * Prompts the round's candidate was asked before, and may not be again. Their history counts
   * this round's own prompt, which is not "before": it stays choosable. Solo practice asks anything.
   */
  private async askedOfCandidate(
    round: SessionRecord['rounds'][number],
    manager?: EntityManager,
  ): Promise<Set<string>> {
    if (round.candidateId === round.interviewerId) return new Set();
    const asked = await this.sessions.promptsAskedOf(round.candidateId, manager);
    asked.delete(round.promptId ?? '');
    return asked;
  }

  /**
   * A round the room has moved past keeps the prompt it was held on: its scorecard, replay and
   * case study name that prompt, and its candidate's history counts it as asked.
   */
  private async requireRoundNotOver(
    record: SessionRecord,
    roundNumber: number,
    manager?: EntityManager,
  ): Promise<void> {
    const current = await this.sessions.roomRound(record.session.id, manager);
    if (current !== null && current > roundNumber) {
      throw conflict(`Round ${roundNumber} is over: it keeps the prompt it was held on`);
    }
  }

  /** The round, when `userId` interviews it: only they choose its prompt. */
  private interviewedRound(record: SessionRecord, roundNumber: number, userId: string) {
    const round = record.rounds.find((candidate) => candidate.number === roundNumber);
    if (!round) throw notFound(`This session has no round ${roundNumber}`);
    if (round.interviewerId !== userId) {
      throw forbidden("Only this round's interviewer chooses its prompt");
    }
    return round;
  }
}

/** The prompts the session's other rounds use. */
function otherRoundsPrompts(record: SessionRecord, roundNumber: number): Set<string> {
  return new Set(
    record.rounds.flatMap((other) =>
      other.number !== roundNumber && other.promptId ? [other.promptId] : [],
    ),
  );
}

/** A round's prompt changes only while the session may still be held. */
function requirePromptsOpen(record: SessionRecord): void {
  if (!sessionAllows(record.session.status, 'use_room')) {
    throw conflict(`The session is ${record.session.status}; its prompts can no longer change`);
  }
}
