import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marks, once, the rounds that sessions ended before never reached: swaps ended from the room in
 * round 1 before 1766700000000 marked them, and swaps the clock closed in round 1 before the sweep
 * marked them too. The rule is the one the app now applies as an interview ends
 * (markRoundsNotReachedSql), written out here as it stood, so this migration means the same
 * whatever that rule becomes. Nothing is unmarked on the way down: a mark is only ever true for a
 * round the room never reached.
 */
export class RoundsNeverReached1766800000000 implements MigrationInterface {
  name = 'RoundsNeverReached1766800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE session_rounds r SET skipped = true
         FROM room_state rs, sessions s
        WHERE rs.session_id = r.session_id AND s.id = r.session_id AND r.number > rs.round
          AND NOT r.skipped AND s.status IN ('scoring', 'completed')
          AND NOT EXISTS (SELECT 1 FROM scorecards c
                          WHERE c.session_id = r.session_id AND c.round = r.number AND c.submitted_at IS NOT NULL)`,
    );
  }

  async down(): Promise<void> {
    // Marks stay: see above.
  }
}
