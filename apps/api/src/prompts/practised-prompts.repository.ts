import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sessionAllowsSql } from '@mockboard/schedule';

/** Which prompts a user has practised, read from their sessions' rounds. */
@Injectable()
export class PractisedPromptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The ids of the prompts the user took part in, as interviewer or candidate, in a round of a
   * session that counts as completed (the lifecycle's count_as_completed). A participant marked as
   * a no-show did not take part, so their rounds do not count.
   */
  async practisedPromptIds(userId: string): Promise<Set<string>> {
    const rows: Array<{ prompt_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT r.prompt_id
         FROM session_rounds r
         JOIN sessions s ON s.id = r.session_id
         JOIN session_participants p ON p.session_id = s.id AND p.user_id = $1
        WHERE $1 IN (r.interviewer_id, r.candidate_id)
          AND r.prompt_id IS NOT NULL
          AND NOT p.no_show
          AND ${sessionAllowsSql('s', 'count_as_completed')}`,
      [userId],
    );
    return new Set(rows.map((row) => row.prompt_id));
  }
}
