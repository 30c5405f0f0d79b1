/**
 * Sessions (alias `s`, from `fromWhere`) with everything a SessionRecord holds, in one statement:
 * the participants with their partner view, the rounds (each marked skipped when the interview
 * ended before its room reached it), the pending proposal and how many times the
 * session was moved, each as JSON beside the row. It used to take five round trips, and a booking
 * reads three records (its answer and each party's confirmation mail: bench/booking). The
 * session's columns are named, not `*`, so the statement can stay prepared (prepared-statement.ts).
 */
export function sessionRecordsSql(fromWhere: string): string {
  return `SELECT s.id, s.kind, s.format, s.status, s.starts_at, s.ends_at, s.cancelled_by, s.cancel_reason,
    s.cancelled_at, s.late_cancellation, s.created_at,
    (SELECT coalesce(json_agg(json_build_object(
              'user_id', p.user_id, 'email', u.email, 'joined_at', p.joined_at, 'no_show', p.no_show,
              'shares_contact', p.shares_contact, 'display_name', u.display_name,
              'target_level', u.target_level, 'sessions_completed', u.sessions_completed,
              'late_cancellations', u.late_cancellations, 'no_shows', u.no_shows)
            ORDER BY u.created_at), '[]'::json)
     FROM session_participants p JOIN users u ON u.id = p.user_id
     WHERE p.session_id = s.id) AS participants,
    (SELECT coalesce(json_agg(json_build_object(
              'number', r.number, 'interviewer_id', r.interviewer_id, 'candidate_id', r.candidate_id,
              'prompt_id', r.prompt_id,
              'skipped', r.skipped)
            ORDER BY r.number), '[]'::json)
     FROM session_rounds r WHERE r.session_id = s.id) AS rounds,
    (SELECT json_build_object('id', x.id, 'proposed_by', x.proposed_by, 'starts_at', x.starts_at,
              'status', x.status, 'created_at', x.created_at)
     FROM reschedule_proposals x WHERE x.session_id = s.id AND x.status = 'pending') AS pending_proposal,
    (SELECT count(*)::int FROM reschedule_proposals x
     WHERE x.session_id = s.id AND x.status = 'accepted') AS times_moved
  ${fromWhere}`;
}
