import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An unanswered ping counts as down: a health check must answer quickly even when the database hangs. */
const DATABASE_TIMEOUT_MS = 2_000;

/** The one query the health check runs: whether the database answers at all. */
@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the database answers `SELECT 1` within DATABASE_TIMEOUT_MS. Never throws. */
  async databaseAnswers(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>(
      (resolve) => (timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS)),
    );
    const ping = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
