import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { HintReveal, HintStage, InterviewPhase } from '@mockboard/contracts';
import { sessionAllowsSql } from '@mockboard/schedule';

const REVEAL_COLUMNS = `session_id, round, phase, stage, text, revealed_by, revealed_at`;

interface RevealRow {
  session_id: string;
  round: number | string;
  phase: InterviewPhase;
  stage: number | string;
  text: string;
  revealed_by: string;
  revealed_at: Date;
}

export interface NewReveal {
  sessionId: string;
  round: number;
  phase: InterviewPhase;
  stage: HintStage;
  text: string;
  revealedBy: string;
}

/** What storing a reveal came to; the service turns the refusals into errors. */
export type RevealOutcome =
  /** `created` is false when this stage was revealed before (a retry, or a second tab). */
  | { stored: HintReveal; created: boolean }
  /** The stage before it has not been revealed. */
  | { refused: 'out_of_order' }
  /** The session no longer allows the room (ended or cancelled meanwhile). */
  | { refused: 'closed' };

/** The hints revealed in each session's rounds: written once each, read by the room, replay and scorecard. */
@Injectable()
export class HintRevealsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the reveal if the session still allows the room and the previous stage is there; a
   * stage revealed before answers its stored copy. The table's own key to the previous stage
   * makes an out-of-order row impossible even for two racing reveals (the loser's insert fails).
   */
  reveal(reveal: NewReveal): Promise<RevealOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const key = [reveal.sessionId, reveal.round, reveal.phase, reveal.stage];
      const existing = await this.one(manager, key);
      if (existing) return { stored: existing, created: false };
      const [open] = (await manager.query(
        `SELECT ${sessionAllowsSql('s', 'use_room')} AS open FROM sessions s WHERE s.id = $1`,
        [reveal.sessionId],
      )) as { open: boolean }[];
      if (!open?.open) return { refused: 'closed' };
      try {
        const inserted = (await manager.query(
          `INSERT INTO hint_reveals (session_id, round, phase, stage, text, revealed_by)
           SELECT $1::uuid, $2::smallint, $3::text, $4::smallint, $5::text, $6::uuid
           WHERE $4::smallint = 1 OR EXISTS (
             SELECT 1 FROM hint_reveals
             WHERE session_id = $1::uuid AND round = $2::smallint AND phase = $3::text
               AND stage = $4::smallint - 1)
           ON CONFLICT (session_id, round, phase, stage) DO NOTHING
           RETURNING ${REVEAL_COLUMNS}`,
          [...key, reveal.text, reveal.revealedBy],
        )) as RevealRow[];
        if (inserted[0]) return { stored: toReveal(inserted[0]), created: true };
      } catch (error) {
        // The previous stage's row is not committed yet (a racing reveal): out of order as well.
        if (!isForeignKeyViolation(error)) throw error;
        return { refused: 'out_of_order' };
      }
      // Nothing inserted: either a racing reveal of the same stage won, or the previous is missing.
      const raced = await this.one(manager, key);
      return raced ? { stored: raced, created: false } : { refused: 'out_of_order' };
    });
  }

  /**
   * One round's reveals (every round's without `round`), in the order they were revealed; inside
   * the caller's transaction when given one (the embedded database runs one at a time).
   */
  async ofSession(sessionId: string, round?: number, manager?: EntityManager): Promise<HintReveal[]> {
    const rows = (await (manager ?? this.dataSource).query(
      `SELECT ${REVEAL_COLUMNS} FROM hint_reveals
       WHERE session_id = $1 AND ($2::smallint IS NULL OR round = $2) ORDER BY seq`,
      [sessionId, round ?? null],
    )) as RevealRow[];
    return rows.map(toReveal);
  }

  private async one(manager: EntityManager, key: unknown[]): Promise<HintReveal | undefined> {
    const [row] = (await manager.query(
      `SELECT ${REVEAL_COLUMNS} FROM hint_reveals
       WHERE session_id = $1 AND round = $2 AND phase = $3 AND stage = $4`,
      key,
    )) as RevealRow[];
    return row && toReveal(row);
  }
}

/** SQLSTATE 23503: here, the previous stage's row is not there (yet). */
function isForeignKeyViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return (candidate?.driverError?.code ?? candidate?.code) === '23503';
}

export function toReveal(row: RevealRow): HintReveal {
  return {
    sessionId: row.session_id,
    round: Number(row.round),
    phase: row.phase,
    stage: Number(row.stage) as HintStage,
    text: row.text,
    revealedBy: row.revealed_by,
    revealedAt: new Date(row.revealed_at).toISOString(),
  };
}
