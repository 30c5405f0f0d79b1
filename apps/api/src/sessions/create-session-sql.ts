/**
 * A new session ($1, its id) with its participants ($7) and rounds ($8–$11: numbers, interviewers,
 * candidates, prompts) in one statement, returning its id. Its own module so that bench/booking's baseline sends
 * exactly this text.
 */
export const CREATE_SESSION_SQL = `WITH session AS (
         INSERT INTO sessions (id, kind, format, starts_at, ends_at, rescued_from) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id),
       participants AS (
         INSERT INTO session_participants (session_id, user_id) SELECT session.id, unnest($7::uuid[]) FROM session),
       rounds AS (
         INSERT INTO session_rounds (session_id, number, interviewer_id, candidate_id, prompt_id)
         SELECT session.id, r.* FROM session, unnest($8::int[], $9::uuid[], $10::uuid[], $11::text[]) r)
       SELECT id FROM session`;
