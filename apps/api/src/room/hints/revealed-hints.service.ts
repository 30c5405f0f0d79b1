import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HintReveal, RoundHints } from '@mockboard/contracts';
import { PHASE_DIMENSION, hintCaps } from '@mockboard/rubric';
import { PromptsService } from '../../prompts/prompts.service';
import { HintRevealsRepository, type NewReveal, type RevealOutcome } from './hint-reveals.repository';

/**
 * The hints revealed in each session's rounds, for whoever needs them: the room stores and reads
 * them, the scorecard weighs them by the rubric. A module of its own, so scoring reads hints
 * without depending on the room.
 */
@Injectable()
export class RevealedHintsService {
  constructor(
    private readonly reveals: HintRevealsRepository,
    private readonly prompts: PromptsService,
  ) {}

  store(reveal: NewReveal): Promise<RevealOutcome> {
    return this.reveals.reveal(reveal);
  }

  /** One round's reveals (every round's without `round`), in the order they were revealed. */
  ofSession(sessionId: string, round?: number, manager?: EntityManager): Promise<HintReveal[]> {
    return this.reveals.ofSession(sessionId, round, manager);
  }

  /**
   * A round's hints as its scorecard shows them: each with what its stage weighs, and the cap
   * they put on each dimension (libs/rubric's hintCaps, from the rubric's hint weighting).
   */
  async weighed(sessionId: string, round: number): Promise<RoundHints> {
    const rubric = this.prompts.rubric();
    const reveals = await this.reveals.ofSession(sessionId, round);
    const used = reveals.map(({ round: number, phase, stage, text, revealedBy, revealedAt }) => {
      const weight = rubric.hints.stages.find((entry) => entry.stage === stage);
      return {
        round: number,
        phase,
        stage,
        text,
        revealedBy,
        revealedAt,
        dimensionId: PHASE_DIMENSION[phase],
        stageLabel: weight?.label ?? `Stage ${stage}`,
        maxLevel: weight?.maxLevel ?? null,
        effect: weight?.effect ?? '',
      };
    });
    return { used, caps: hintCaps(reveals, rubric) };
  }
}
