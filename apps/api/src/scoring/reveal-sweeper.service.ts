import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SessionsRepository } from '../scheduling/sessions.repository';
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
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly scorecards: ScorecardsRepository,
    private readonly sessions: SessionsRepository,
    private readonly reveal: RevealService,
  ) {}

  onApplicationBootstrap(): void {
    // unref: a pending sweep never keeps the process alive on its own.
    this.timer = setInterval(() => {
      this.inFlight ??= this.sweep().finally(() => (this.inFlight = null));
    }, SWEEP_EVERY_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
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
