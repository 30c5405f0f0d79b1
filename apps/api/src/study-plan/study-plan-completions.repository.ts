import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PRACTISED_ROUNDS_SQL } from '../sessions/practised-rounds-sql';

/**
 * Each prompt the user practised (PRACTISED_ROUNDS_SQL), with the session and when it took place.
 * `fresh` keeps only those not yet applied to the board.
 */
function practisedPromptsSql(fresh: boolean): string {
  return `SELECT * FROM (${PRACTISED_ROUNDS_SQL}) practised
    ${
      fresh
        ? `WHERE NOT EXISTS (SELECT 1 FROM study_plan_completions c
             WHERE c.user_id = $1 AND c.session_id = practised.session_id AND c.prompt_id = practised.prompt_id)`
        : ''
    }`;
}

/**
 * Which completed mocks have marked the board's prompt cards done. Read from the sessions
 * themselves, so every way a session comes to count as completed (the interview ended in the room,
 * the clock closed it, its feedback came in) is covered without each of them knowing of the plan.
 */
@Injectable()
export class StudyPlanCompletionsRepository {
  /**
   * Marks done the prompt cards of every completed mock not applied to the board yet (the latest
   * mock per prompt names the card's completion), and records those mocks as applied. Idempotent:
   * a second call finds nothing fresh, so a card the user moved back to "doing" stays there.
   */
  async applyCompletedMocks(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `WITH fresh AS (${practisedPromptsSql(true)}),
       latest AS (SELECT DISTINCT ON (prompt_id) prompt_id, session_id, starts_at FROM fresh
                  ORDER BY prompt_id, starts_at DESC),
       marked AS (
         UPDATE study_plan_cards c SET status = 'done', completed_by_session = latest.session_id,
           completed_at = latest.starts_at
         FROM latest WHERE c.user_id = $1 AND c.prompt_id = latest.prompt_id
         RETURNING c.id)
       INSERT INTO study_plan_completions (user_id, session_id, prompt_id)
       SELECT DISTINCT $1::uuid, session_id, prompt_id FROM fresh
       ON CONFLICT DO NOTHING`,
      [userId],
    );
  }

  /** Marks new prompt cards done when the user already completed a mock on their prompt. */
  async markPractisedCards(
    manager: EntityManager,
    userId: string,
    cardIds: readonly string[],
  ): Promise<void> {
    if (cardIds.length === 0) return;
    await manager.query(
      `WITH latest AS (
         SELECT DISTINCT ON (prompt_id) prompt_id, session_id, starts_at FROM (${practisedPromptsSql(false)}) done
         ORDER BY prompt_id, starts_at DESC)
       UPDATE study_plan_cards c SET status = 'done', completed_by_session = latest.session_id,
         completed_at = latest.starts_at
       FROM latest WHERE c.user_id = $1 AND c.id = ANY($2::uuid[]) AND c.prompt_id = latest.prompt_id`,
      [userId, cardIds],
    );
  }

  /** Forgets which mocks were applied, so a fresh default plan takes all of them in again. */
  async forget(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM study_plan_completions WHERE user_id = $1`, [userId]);
  }
}
