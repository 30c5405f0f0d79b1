// The rooms: pairs of users with a booked peer session that starts within 20 minutes (so its room is
// open), inserted by direct SQL as the app would have written them (SessionsRepository.create plus
// each participant's calendar entry), then signed in through the real POST /api/auth/login.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import argon2 from 'argon2';
import { DEFAULT_DURATION_MINUTES } from '@mockboard/contracts';

const PASSWORD = 'realtime bench password';
const QUARTER_HOUR_MS = 15 * 60_000;
const LOGIN_CONCURRENCY = 32;

/** The first quarter hour at least 5 minutes ahead: the room opened 30 minutes before it. */
function soonStart(now = Date.now()) {
  return Math.ceil((now + 5 * 60_000) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}

function firstPromptId(root) {
  return readdirSync(join(root, 'prompts'))
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()[0]
    ?.slice(0, -'.md'.length);
}

/**
 * `rooms` sessions, each with two users: `[{ sessionId, peers: [{ userId, email }, …] }]`.
 * One argon2id hash serves every user. It has deliberately cheap parameters (argon2 keeps them in
 * the hash, and the server's verify honours them): signing in 1,000 users at the app's cost would
 * take ~30 s of CPU here, and sign-in is not what this benchmark measures.
 */
export async function seedRooms(pool, { root, rooms }) {
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1 });
  const { rows: users } = await pool.query(
    `INSERT INTO users (email, display_name, timezone, password_hash)
     SELECT 'rt' || i || '@bench.mockboard.test', 'Peer ' || i, 'UTC', $1 FROM generate_series(0, $2 - 1) AS i
     RETURNING id, email`,
    [hash, rooms * 2],
  );
  const byEmail = new Map(users.map((user) => [user.email, user.id]));
  const user = (i) => ({
    userId: byEmail.get(`rt${i}@bench.mockboard.test`),
    email: `rt${i}@bench.mockboard.test`,
  });

  const startsAt = new Date(soonStart());
  const endsAt = new Date(startsAt.getTime() + DEFAULT_DURATION_MINUTES.swap * 60_000);
  // Already told "starting soon": the sweeper's one-off burst of notifications for every seeded
  // session would otherwise land in the middle of a measurement.
  const { rows: sessions } = await pool.query(
    `INSERT INTO sessions (kind, format, starts_at, ends_at, starting_soon_notified)
     SELECT 'peer', 'swap', $1, $2, true FROM generate_series(1, $3) RETURNING id`,
    [startsAt, endsAt, rooms],
  );
  const seeded = sessions.map((session, i) => ({
    sessionId: session.id,
    peers: [user(2 * i), user(2 * i + 1)],
  }));
  const sessionIds = seeded.flatMap((room) => [room.sessionId, room.sessionId]);
  const userIds = seeded.flatMap((room) => room.peers.map((peer) => peer.userId));
  await pool.query(
    `INSERT INTO session_participants (session_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
    [sessionIds, userIds],
  );
  // A swap session: the first peer interviews in round 1, the second in round 2.
  const interviewers = seeded.flatMap((room) => [room.peers[0].userId, room.peers[1].userId]);
  const candidates = seeded.flatMap((room) => [room.peers[1].userId, room.peers[0].userId]);
  await pool.query(
    `INSERT INTO session_rounds (session_id, number, interviewer_id, candidate_id, prompt_id)
     SELECT s, 1 + (n - 1) % 2, i, c, $4
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS r(s, i, c, n)`,
    [sessionIds, interviewers, candidates, firstPromptId(root) ?? null],
  );
  await pool.query(
    `INSERT INTO calendar_entries (user_id, period, session_id)
     SELECT user_id, tstzrange($1, $2, '[)'), session_id FROM session_participants`,
    [startsAt, endsAt],
  );
  await pool.query('ANALYZE');
  return seeded;
}

/** Signs every peer in through the API; resolves once each has its access token. */
export async function signIn(url, seeded) {
  const peers = seeded.flatMap((room) => room.peers);
  let next = 0;
  await Promise.all(
    Array.from({ length: LOGIN_CONCURRENCY }, async () => {
      while (next < peers.length) {
        const peer = peers[next++];
        const response = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: peer.email, password: PASSWORD }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = await response.json();
        if (!response.ok || !body.accessToken) {
          throw new Error(`login of ${peer.email} answered ${response.status}: ${JSON.stringify(body)}`);
        }
        peer.token = body.accessToken;
      }
    }),
  );
}
