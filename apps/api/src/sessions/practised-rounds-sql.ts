import { sessionAllowsSql } from '@mockboard/schedule';

/**
 * The rounds a user (`$1`) practised, as `prompt_id, session_id, starts_at`: rounds on a prompt
 * that they took part in, either role, in a session that counts as completed (as progress counts
 * it: a participant marked a no-show did not take part). A swap session's round 2 counts only if
 * the room got to it: an interview ended in round 1 leaves round 2's pre-chosen prompt unpractised.
 * One definition for the library's "practised" filter and the study plan's done cards.
 */
export const PRACTISED_ROUNDS_SQL = `SELECT r.prompt_id, s.id AS session_id, s.starts_at
    FROM session_rounds r
    JOIN sessions s ON s.id = r.session_id
    JOIN session_participants p ON p.session_id = s.id AND p.user_id = $1
    WHERE $1 IN (r.interviewer_id, r.candidate_id)
      AND r.prompt_id IS NOT NULL
      AND NOT p.no_show
      AND ${sessionAllowsSql('s', 'count_as_completed')}
      AND NOT EXISTS (SELECT 1 FROM room_state rs WHERE rs.session_id = s.id AND rs.round < r.number)`;
