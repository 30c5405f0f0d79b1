/**
 * Marks, as part of ending the interview from the room, the rounds it never reached (a swap ended
 * in round 1): $1 is the session. Nothing waits for their feedback from then on.
 */
export const MARK_SKIPPED_ROUNDS_SQL = `UPDATE session_rounds SET skipped = true
    WHERE session_id = $1 AND number > (SELECT round FROM room_state WHERE session_id = $1)`;
