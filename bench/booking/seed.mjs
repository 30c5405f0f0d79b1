// Seeds hosts, their open slots and the slots' calendar entries by direct SQL, as the app would have
// written them (SlotsService.offer: one slots row plus one calendar entry per slot).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DURATION_MINUTES, TARGET_LEVELS } from '@mockboard/contracts';

export const HOSTS = 1_000;
export const SLOTS_PER_HOST = 10;
/**
 * More hosts whose slots all lie after the searched week (plan.mjs: days 1–8), from block
 * FIRST_BLOCK_AFTER_SEARCH on: 16,000 more slots for the booking phase. With HOSTS alone both sides
 * used up their slots 2.4–3.2 s into the 5 s phase on a fast 2-core VM (4 Dec 2026); seeding 2,000
 * hosts everywhere instead nearly doubled the searches' PostgreSQL CPU, which these leave alone.
 */
export const BOOKING_ONLY_HOSTS = 2_000;
export const SEEDED_HOSTS = HOSTS + BOOKING_ONLY_HOSTS;
const QUARTER_HOUR_MS = 15 * 60_000;
/** Each host's slots fall one per block of ~5.9 days, so no two of them overlap (the calendar's rule). */
const BLOCK_QUARTER_HOURS = 570;
/** Block 2 starts on day 11.9, after the searched week. */
const FIRST_BLOCK_AFTER_SEARCH = 2;
const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

/**
 * A real argon2id hash (19 MiB, t=2, p=1, as PasswordHasher makes) of a password nobody uses: seeded
 * hosts never sign in, and hashing 1,000 passwords would take longer than the rest of the seed.
 */
const HOST_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,p=1,t=2$vzyItZbpuNwi1E+hkMzKjQ$Eg3n40ftXJNUoRhMeHbhYhW8jDeIG1rmeP5gq4wS4xg';

/** mulberry32: the same slots on every run, so runs compare. */
function randomSource(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function promptIds(root) {
  return readdirSync(join(root, 'prompts'))
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .map((name) => name.slice(0, -'.md'.length))
    .sort();
}

/** The first quarter hour at least an hour from now: every seeded slot is bookable for the whole run. */
export function firstSlotStart(now = Date.now()) {
  return Math.ceil((now + 60 * 60_000) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}

/** Sessions the hosts held with each other before the run, each with its two sent confirmations. */
export const PAST_SESSIONS = 5_000;

/**
 * A deployment in use: HOSTS users, HOSTS × SLOTS_PER_HOST open slots on quarter hours spread over
 * the next ~59 days (the app accepts at most 60), BOOKING_ONLY_HOSTS more whose slots start after
 * the searched week, and PAST_SESSIONS completed sessions between the first HOSTS (see
 * seedPastSessions), then ANALYZE, as autovacuum would soon after such a load. Returns the open
 * slots, soonest first, with times in epoch ms.
 */
export async function seedDeployment(pool, { root, base }) {
  const random = randomSource(20_251_125);
  const prompts = promptIds(root);
  const { rows: hosts } = await pool.query(
    `INSERT INTO users (email, display_name, timezone, target_level, password_hash)
     SELECT 'host' || i || '@bench.mockboard.test', 'Host ' || i, ($1::text[])[1 + i % 4],
            ($2::text[])[1 + (i / 4) % 4], $3
     FROM generate_series(0, $4 - 1) AS i
     RETURNING id`,
    [TIME_ZONES, TARGET_LEVELS, HOST_PASSWORD_HASH, SEEDED_HOSTS],
  );

  const columns = { host: [], startsAt: [], endsAt: [], format: [], prompt: [], level: [], hostRole: [] };
  for (const [index, { id }] of hosts.entries()) {
    const firstBlock = index < HOSTS ? 0 : FIRST_BLOCK_AFTER_SEARCH;
    for (let block = firstBlock; block < SLOTS_PER_HOST; block += 1) {
      const format = random() < 0.6 ? 'swap' : 'single';
      const quarter = block * BLOCK_QUARTER_HOURS + Math.floor(random() * (BLOCK_QUARTER_HOURS - 6));
      const startsAt = base + quarter * QUARTER_HOUR_MS;
      columns.host.push(id);
      columns.startsAt.push(new Date(startsAt));
      columns.endsAt.push(new Date(startsAt + DEFAULT_DURATION_MINUTES[format] * 60_000));
      columns.format.push(format);
      columns.prompt.push(random() < 0.3 ? prompts[Math.floor(random() * prompts.length)] : null);
      columns.level.push(random() < 0.2 ? null : TARGET_LEVELS[Math.floor(random() * TARGET_LEVELS.length)]);
      columns.hostRole.push(random() < 0.8 ? 'interviewer' : 'candidate');
    }
  }
  const { rows: slots } = await pool.query(
    `INSERT INTO slots (host_id, starts_at, ends_at, format, prompt_id, level, host_role)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[],
                          $6::text[], $7::text[])
     RETURNING id, host_id, starts_at, ends_at, format, prompt_id, level`,
    Object.values(columns),
  );
  await pool.query(
    `INSERT INTO calendar_entries (user_id, period, slot_id)
     SELECT host_id, tstzrange(starts_at, ends_at, '[)'), id FROM slots`,
  );
  await seedPastSessions(
    pool,
    hosts.slice(0, HOSTS).map(({ id }) => id),
  );
  await pool.query('ANALYZE');
  return slots
    .map((row) => ({
      id: row.id,
      hostId: row.host_id,
      startsAt: row.starts_at.getTime(),
      endsAt: row.ends_at.getTime(),
      format: row.format,
      promptId: row.prompt_id,
      level: row.level,
    }))
    .sort((a, b) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : 1));
}

/**
 * Completed sessions of the last 20 days between pairs of hosts (participants, one round) and the
 * two confirmation mails of each, sent when the session was booked, a week before it (within the
 * 30 days the mail worker keeps sent mail, so it prunes none of them during the run). A deployment
 * in use has them, and without them the run measured an artefact: this machine's PostgreSQL runs
 * without autovacuum (CI's setting), so a connection keeps the plans it made for its first
 * statements. The app's connections, which book first, planned their foreign-key checks of
 * `sessions` (8 a booking) on an empty table and kept scanning it whole as it grew (70 million rows
 * read in a 15 s phase), while the baseline's connections planned on the rows the app had left them.
 */
async function seedPastSessions(pool, hostIds) {
  await pool.query(
    `WITH made AS (
       INSERT INTO sessions (kind, format, status, starts_at, ends_at, created_at, start_agreed_at)
       SELECT 'peer', 'single', 'completed', at, at + interval '45 minutes', at - interval '7 days', at - interval '7 days'
       FROM (SELECT date_trunc('hour', now()) - make_interval(hours => 1 + i % 480) AS at, i
             FROM generate_series(0, $2 - 1) AS i) AS past
       ORDER BY i
       RETURNING id, created_at, starts_at),
     pairs AS (
       SELECT id, created_at AS booked_at, starts_at, ($1::uuid[])[1 + n % cardinality($1::uuid[])] AS interviewer,
              ($1::uuid[])[1 + (n + 1) % cardinality($1::uuid[])] AS candidate
       FROM (SELECT id, created_at, starts_at, row_number() OVER () AS n FROM made) AS numbered),
     participants AS (
       INSERT INTO session_participants (session_id, user_id, joined_at)
       SELECT pairs.id, users.id, starts_at FROM pairs, LATERAL (VALUES (interviewer), (candidate)) AS users (id)),
     rounds AS (
       INSERT INTO session_rounds (session_id, number, interviewer_id, candidate_id)
       SELECT id, 1, interviewer, candidate FROM pairs)
     INSERT INTO outgoing_mail (dedupe_key, kind, user_id, data, due_at, attempts, sent_at, message_id)
     SELECT 'bench-history:' || pairs.id || ':' || users.id, 'booked', users.id,
            jsonb_build_object('sessionId', pairs.id), booked_at, 1,
            booked_at, '<' || pairs.id || '.' || users.id || '@bench.mockboard.test>'
     FROM pairs, LATERAL (VALUES (interviewer), (candidate)) AS users (id)`,
    [hostIds, PAST_SESSIONS],
  );
}
