import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateScheduling1764100000000 implements MigrationInterface {
  name = 'CreateScheduling1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // btree_gist lets one exclusion constraint combine "same user" (=) with "overlapping time" (&&).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('peer', 'solo')),
        format text NOT NULL CHECK (format IN ('swap', 'single')),
        status text NOT NULL DEFAULT 'scheduled'
          CHECK (status IN ('scheduled', 'live', 'scoring', 'completed', 'cancelled', 'no_show')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        cancelled_by uuid REFERENCES users (id),
        cancel_reason text,
        cancelled_at timestamptz,
        late_cancellation boolean NOT NULL DEFAULT false,
        rescued_from uuid REFERENCES sessions (id),
        starting_soon_notified boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX sessions_active_starts_at ON sessions (starts_at)
      WHERE status IN ('scheduled', 'live')`);

    await queryRunner.query(`
      CREATE TABLE session_participants (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        joined_at timestamptz,
        no_show boolean NOT NULL DEFAULT false,
        shares_contact boolean NOT NULL DEFAULT false,
        PRIMARY KEY (session_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX session_participants_user ON session_participants (user_id)`);

    await queryRunner.query(`
      CREATE TABLE session_rounds (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        number smallint NOT NULL CHECK (number IN (1, 2)),
        interviewer_id uuid NOT NULL REFERENCES users (id),
        candidate_id uuid NOT NULL REFERENCES users (id),
        prompt_id text,
        PRIMARY KEY (session_id, number)
      )`);
    await queryRunner.query(`CREATE INDEX session_rounds_candidate ON session_rounds (candidate_id)`);

    await queryRunner.query(`
      CREATE TABLE slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        host_id uuid NOT NULL REFERENCES users (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        format text NOT NULL CHECK (format IN ('swap', 'single')),
        prompt_id text,
        level text CHECK (level IN ('junior', 'mid', 'senior', 'staff')),
        host_role text NOT NULL DEFAULT 'interviewer' CHECK (host_role IN ('interviewer', 'candidate')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'withdrawn')),
        session_id uuid REFERENCES sessions (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX slots_open_starts_at ON slots (starts_at) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX slots_host ON slots (host_id)`);

    await queryRunner.query(`
      CREATE TABLE match_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        practice_now boolean NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        format text NOT NULL CHECK (format IN ('swap', 'single')),
        level text CHECK (level IN ('junior', 'mid', 'senior', 'staff')),
        prompt_preferences jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'matched', 'cancelled', 'expired')),
        session_id uuid REFERENCES sessions (id),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX match_requests_pending ON match_requests (format, starts_at)
      WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX match_requests_user ON match_requests (user_id)`);

    // Every busy period of every user: open slots, pending match requests and sessions. The
    // exclusion constraint is what makes a double booking impossible rather than unlikely: no two
    // rows of one user may overlap, whatever the timing of concurrent requests.
    await queryRunner.query(`
      CREATE TABLE calendar_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        period tstzrange NOT NULL,
        slot_id uuid REFERENCES slots (id) ON DELETE CASCADE,
        session_id uuid REFERENCES sessions (id) ON DELETE CASCADE,
        match_request_id uuid REFERENCES match_requests (id) ON DELETE CASCADE,
        CHECK (num_nonnulls(slot_id, session_id, match_request_id) = 1),
        CONSTRAINT calendar_entries_no_overlap EXCLUDE USING gist (user_id WITH =, period WITH &&)
      )`);
    await queryRunner.query(`CREATE INDEX calendar_entries_session ON calendar_entries (session_id)`);
    await queryRunner.query(`CREATE INDEX calendar_entries_slot ON calendar_entries (slot_id)`);
    await queryRunner.query(
      `CREATE INDEX calendar_entries_match_request ON calendar_entries (match_request_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE reschedule_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        proposed_by uuid NOT NULL REFERENCES users (id),
        starts_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX reschedule_proposals_one_pending ON reschedule_proposals (session_id)
      WHERE status = 'pending'`);

    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        session_id uuid REFERENCES sessions (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC)`,
    );

    // A private, revocable token for the per-user calendar feed.
    await queryRunner.query(`ALTER TABLE users ADD COLUMN calendar_token text UNIQUE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN calendar_token`);
    for (const table of [
      'notifications',
      'reschedule_proposals',
      'calendar_entries',
      'match_requests',
      'slots',
      'session_rounds',
      'session_participants',
      'sessions',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
