// The floor to compare against: the same SQL the app sends for a search and a booking, sent
// straight through a pg Pool, with no HTTP, framework, auth or JSON in between. Each statement is
// prepared under the app's name for it (prepared-statement.ts), as the app sends it.
import { planRounds } from '@mockboard/schedule';
import { blockedPairSql } from '../../apps/api/dist/database/blocked-pair-sql.js';
import { slotListJsonSql } from '../../apps/api/dist/scheduling/open-slots-sql.js';
import { prepared } from '../../apps/api/dist/database/prepared-statement.js';
import { CREATE_SESSION_SQL } from '../../apps/api/dist/sessions/create-session-sql.js';

/** SlotsRepository.openListJson for another user's search: the same text, JSON built by PostgreSQL. */
export function searchSql({ from, to, level, excludeHostId }) {
  return slotListJsonSql({ from: new Date(from), to: new Date(to), level, excludeHostId, limit: 500 });
}

/** A search's response body, as the app gets it from PostgreSQL and sends it. */
export async function searchBody(pool, filter) {
  const { text, values } = searchSql(filter);
  const { rows } = await pool.query(prepared(text), values);
  return rows[0].body;
}

export async function searchSlots(pool, filter) {
  const body = await searchBody(pool, filter);
  return { ok: true, bytes: body.length };
}

/**
 * SlotsService.book's transaction, statement for statement: lock the slot while it is open (unless
 * host and booker blocked one another, SlotsRepository.lockOpenForBooker), or read why it cannot
 * be booked; create the session with its participants and rounds (one statement), turn the host's
 * calendar entry into the session's, reserve the booker's time, mark the slot booked. A booker who
 * finds the slot already booked gets a 409.
 */
export async function bookSlot(pool, bookerId, slotId, expected = [201]) {
  const client = await pool.connect();
  let status;
  try {
    await client.query('BEGIN');
    const {
      rows: [slot],
    } = await client.query(
      prepared(
        `SELECT * FROM slots WHERE id = $1 AND status = 'open' AND NOT ${blockedPairSql('host_id', '$2::uuid')} FOR UPDATE`,
      ),
      [slotId, bookerId],
    );
    const state =
      slot ??
      (
        await client.query(
          prepared(
            `SELECT status, host_id FROM slots WHERE id = $1 AND NOT ${blockedPairSql('host_id', '$2::uuid')}`,
          ),
          [slotId, bookerId],
        )
      ).rows[0];
    if (!state || state.status === 'withdrawn') status = 404;
    else if (state.host_id === bookerId) status = 400;
    else if (!slot || slot.starts_at <= new Date()) status = 409;
    if (status) {
      await client.query('ROLLBACK');
    } else {
      // SessionsRepository.create: the session, its participants and rounds in one statement.
      const rounds = planRounds(slot.format, slot.host_id, bookerId, slot.host_role);
      const {
        rows: [session],
      } = await client.query(prepared(CREATE_SESSION_SQL), [
        'peer',
        slot.format,
        slot.starts_at,
        slot.ends_at,
        null,
        [slot.host_id, bookerId],
        rounds.map((round) => round.number),
        rounds.map((round) => round.interviewerId),
        rounds.map((round) => round.candidateId),
        // RoundPromptsService.initial: the slot's prompt in round 1 (the booker is new to it).
        rounds.map((round) => (round.number === 1 ? slot.prompt_id : null)),
      ]);
      await client.query(
        prepared('UPDATE calendar_entries SET slot_id = NULL, session_id = $2 WHERE slot_id = $1'),
        [slot.id, session.id],
      );
      await client.query(
        prepared(
          `INSERT INTO calendar_entries (user_id, period, session_id) VALUES ($1, tstzrange($2, $3, '[)'), $4)`,
        ),
        [bookerId, slot.starts_at, slot.ends_at, session.id],
      );
      await client.query(prepared(`UPDATE slots SET status = 'booked', session_id = $2 WHERE id = $1`), [
        slot.id,
        session.id,
      ]);
      await client.query('COMMIT');
      status = 201;
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
    return { ok: false, detail: `baseline booking failed: ${error.message}` };
  }
  client.release();
  return expected.includes(status)
    ? { ok: true, status }
    : { ok: false, status, detail: `baseline booking → ${status}` };
}
