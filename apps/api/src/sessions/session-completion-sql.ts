import { sessionMove, statusInSql } from '@mockboard/schedule';

/** A session waiting in scoring completes once scored: a move the lifecycle allows (checked at load). */
const SCORED = sessionMove('scoring', 'completed');

/**
 * Marks the rounds an interview never reached (a swap ended in round 1) of the sessions `sessions`
 * selects, as their interview ends: from the room, or by the clock with the room still in round 1.
 * Nothing waits for those rounds' feedback from then on. A session whose room was never opened
 * has no round of the room's to compare with, and keeps every round; so does a round someone
 * already submitted feedback on (the pair held it without the room's Swap, as far as they are
 * concerned). Migration 1766800000000 applied the same rule once to sessions ended before.
 */
export const markRoundsNotReachedSql = (sessions: string): string => `UPDATE session_rounds r
    SET skipped = true FROM room_state rs
    WHERE rs.session_id = r.session_id AND r.number > rs.round AND r.session_id IN (${sessions})
      AND NOT EXISTS (SELECT 1 FROM scorecards c
                      WHERE c.session_id = r.session_id AND c.round = r.number AND c.submitted_at IS NOT NULL)`;

/** Marks the rounds session $1's interview, ended from the room, never reached. */
export const MARK_SKIPPED_ROUNDS_SQL = markRoundsNotReachedSql('$1');

/**
 * Completes session $1 if it waits in scoring and every round that took place has its feedback:
 * the interviewer's submitted scorecard (a solo session's own self-assessment). Run when a
 * scorecard is saved, and when the interview ends (its feedback may all be in already: written
 * during the interview, or a swap ended in round 1 after round 1's was).
 */
export const COMPLETE_WHEN_SCORED_SQL = `WITH completed AS (
    UPDATE sessions s SET status = '${SCORED.to}'
    WHERE s.id = $1 AND ${statusInSql('s', [SCORED.from])}
      AND NOT EXISTS (
        SELECT 1 FROM session_rounds r WHERE r.session_id = s.id
          -- A round the interview ended before (a swap ended in round 1) waits for nothing.
          AND NOT r.skipped
          AND NOT EXISTS (
            SELECT 1 FROM scorecards c
            WHERE c.session_id = r.session_id AND c.round = r.number AND c.submitted_at IS NOT NULL
              AND c.kind = CASE WHEN s.kind = 'solo' THEN 'self' ELSE 'interviewer' END))
    RETURNING s.id)
  SELECT id FROM completed`;
