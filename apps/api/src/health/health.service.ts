import { Injectable } from '@nestjs/common';
import type { HealthResponse } from '@mockboard/contracts';
import { HealthRepository } from './health.repository';

/** What the health check reports: healthy exactly when the database answers. */
@Injectable()
export class HealthService {
  constructor(private readonly repository: HealthRepository) {}

  async report(): Promise<HealthResponse> {
    const databaseUp = await this.repository.databaseAnswers();
    return {
      status: databaseUp ? 'ok' : 'unavailable',
      database: databaseUp ? 'up' : 'down',
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}
