import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PRACTISED_ROUNDS_SQL } from '../sessions/practised-rounds-sql';

/** Which prompts a user has practised, read from their sessions' rounds. */
@Injectable()
export class PractisedPromptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The ids of the prompts the user practised (PRACTISED_ROUNDS_SQL says what counts). */
  async practisedPromptIds(userId: string): Promise<Set<string>> {
    const rows: Array<{ prompt_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT prompt_id FROM (${PRACTISED_ROUNDS_SQL}) practised`,
      [userId],
    );
    return new Set(rows.map((row) => row.prompt_id));
  }
}
