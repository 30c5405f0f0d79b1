/**
 * A new session with its participants ($6) and rounds ($7–$10: numbers, interviewers, candidates,
 * prompts) in one statement, returning its id. Its own module so that bench/booking's baseline sends
 * exactly this text.
 */
export const CREATE_SESSION_SQL = `WITH session AS (
         INSERT INTO sessions (kind, format, starts_at, ends_at, rescued_from) VALUES ($1, $2, $3, $4, $5)
         RETURNING id),
       participants AS (
         INSERT INTO session_participants (session_id, user_id) SELECT session.id, unnest($6::uuid[]) FROM session),
       rounds AS (
         INSERT INTO session_rounds (session_id, number, interviewer_id, candidate_id, prompt_id)
         SELECT session.id, r.* FROM session, unnest($7::int[], $8::uuid[], $9::uuid[], $10::text[]) r)
       SELECT id FROM session`;
