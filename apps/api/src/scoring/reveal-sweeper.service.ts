import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { startIntervalJob, type IntervalJob } from '../common/interval-job';
import { SessionRecordsService } from '../sessions/session-records.service';
import { RevealService } from './reveal.service';
import { ScorecardsRepository } from './scorecards.repository';

/** Often enough that "feedback ready" arrives within a minute of the 24-hour reveal deadline. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Reveals feedback that is due although nobody opened it: the scorecard whose 24-hour deadline
 * passed, so its subject is mailed without having to visit the page first. Several instances may
 * sweep at once: a card is revealed, and its mail asked for, by one transaction only.
 */
@Injectable()
export class RevealSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RevealSweeper.name);
  private job: IntervalJob | null = null;

  constructor(
    private readonly scorecards: ScorecardsRepository,
    private readonly sessions: SessionRecordsService,
    private readonly reveal: RevealService,
  ) {}

  onApplicationBootstrap(): void {
    this.job = startIntervalJob(
      () => this.sweep(),
      SWEEP_EVERY_MS,
      (error) => this.logger.error(`Reveal sweep failed: ${String(error)}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
    this.job = null;
  }

  /** Reveals what is due in each session with unrevealed submitted feedback; returns how many it looked at. Never throws. */
  async sweep(now = new Date()): Promise<number> {
    let looked = 0;
    try {
      for (const sessionId of await this.scorecards.sessionsAwaitingReveal()) {
        const record = await this.sessions.find(sessionId);
        if (record) await this.reveal.revealDue([record], now);
        looked++;
      }
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.logger.error(`Reveal sweep failed: ${text}`);
    }
    return looked;
  }
}
