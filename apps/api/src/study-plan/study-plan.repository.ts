import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StudyCardKind, StudyCardStatus, StudyColumn, StudyLink } from '@mockboard/contracts';
import type { PlannedStudyColumn } from '@mockboard/prompts';

/** A card as the service edits it; the board is read as the contract's columns. */
export interface StudyCardRow {
  id: string;
  columnId: string;
  kind: StudyCardKind;
  promptId: string | null;
  status: StudyCardStatus;
}

export interface StudyCardPatch {
  title?: string;
  status?: StudyCardStatus;
  notes?: string;
  links?: StudyLink[];
}

interface CardRecord {
  id: string;
  column_id: string;
  title: string;
  kind: StudyCardKind;
  prompt_id: string | null;
  status: StudyCardStatus;
  notes: string;
  links: StudyLink[] | string;
  completed_by_session: string | null;
  completed_at: Date | string | null;
}

/** The study plan's tables. Every method takes the transaction that holds the board's lock. */
@Injectable()
export class StudyPlanRepository {
  /** Creates the user's (empty) board; true when this call created it, false when it existed. */
  async createPlan(manager: EntityManager, userId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO study_plans (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
      [userId],
    );
    return rows.length === 1;
  }

  /** Serialises writes to one board, so positions are renumbered by one write at a time. */
  async lockPlan(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM study_plans WHERE user_id = $1 FOR UPDATE`, [userId]);
  }

  /** Appends columns and their cards after the existing ones; returns the new cards' ids. */
  async insertColumns(
    manager: EntityManager,
    userId: string,
    columns: readonly PlannedStudyColumn[],
  ): Promise<string[]> {
    const cardIds: string[] = [];
    let position = await this.columnCount(manager, userId);
    for (const column of columns) {
      const [row] = (await manager.query(
        `INSERT INTO study_plan_columns (user_id, position, title) VALUES ($1, $2, $3) RETURNING id`,
        [userId, position, column.title],
      )) as { id: string }[];
      position += 1;
      cardIds.push(...(await this.appendCards(manager, userId, row!.id, column.cards)));
    }
    return cardIds;
  }

  /** Appends cards to the end of a column in one statement; returns their ids. */
  async appendCards(
    manager: EntityManager,
    userId: string,
    columnId: string,
    cards: readonly {
      title: string;
      kind: StudyCardKind;
      promptId: string | null;
      notes: string;
      status?: StudyCardStatus;
      links?: StudyLink[];
    }[],
  ): Promise<string[]> {
    if (cards.length === 0) return [];
    const start = await this.cardCountIn(manager, columnId);
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO study_plan_cards (user_id, column_id, position, title, kind, prompt_id, status, notes, links)
       SELECT $1, $2, x.position, x.title, x.kind, x.prompt_id, x.status, x.notes, x.links
       FROM jsonb_to_recordset($3::jsonb)
         AS x(position int, title text, kind text, prompt_id text, status text, notes text, links jsonb)
       ORDER BY x.position
       RETURNING id`,
      [
        userId,
        columnId,
        JSON.stringify(
          cards.map((card, index) => ({
            position: start + index,
            title: card.title,
            kind: card.kind,
            prompt_id: card.promptId,
            status: card.status ?? 'todo',
            notes: card.notes,
            links: card.links ?? [],
          })),
        ),
      ],
    );
    return rows.map((row) => row.id);
  }

  async columnCount(manager: EntityManager, userId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM study_plan_columns WHERE user_id = $1`,
      [userId],
    )) as { n: number }[];
    return Number(row?.n ?? 0);
  }

  async cardCount(manager: EntityManager, userId: string): Promise<number> {
    const [row] = (await manager.query(`SELECT count(*)::int AS n FROM study_plan_cards WHERE user_id = $1`, [
      userId,
    ])) as { n: number }[];
    return Number(row?.n ?? 0);
  }

  private async cardCountIn(manager: EntityManager, columnId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM study_plan_cards WHERE column_id = $1`,
      [columnId],
    )) as { n: number }[];
    return Number(row?.n ?? 0);
  }

  /** The board's columns in order. */
  async columns(manager: EntityManager, userId: string): Promise<{ id: string; title: string }[]> {
    return manager.query(
      `SELECT id, title FROM study_plan_columns WHERE user_id = $1 ORDER BY position, id`,
      [userId],
    );
  }

  /** The board's column ids in order. */
  async columnIds(manager: EntityManager, userId: string): Promise<string[]> {
    return (await this.columns(manager, userId)).map((column) => column.id);
  }

  /** A column's card ids in order. */
  async cardIdsIn(manager: EntityManager, userId: string, columnId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM study_plan_cards WHERE user_id = $1 AND column_id = $2 ORDER BY position, id`,
      [userId, columnId],
    );
    return rows.map((row) => row.id);
  }

  /** The user's card, or null: another user's card is as unknown as a missing one. */
  async card(manager: EntityManager, userId: string, cardId: string): Promise<StudyCardRow | null> {
    const [row] = (await manager.query(
      `SELECT id, column_id, kind, prompt_id, status FROM study_plan_cards WHERE id = $1 AND user_id = $2`,
      [cardId, userId],
    )) as Pick<CardRecord, 'id' | 'column_id' | 'kind' | 'prompt_id' | 'status'>[];
    return row
      ? { id: row.id, columnId: row.column_id, kind: row.kind, promptId: row.prompt_id, status: row.status }
      : null;
  }

  async hasColumn(manager: EntityManager, userId: string, columnId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM study_plan_columns WHERE id = $1 AND user_id = $2`,
      [columnId, userId],
    );
    return rows.length === 1;
  }

  async insertColumn(manager: EntityManager, userId: string, title: string): Promise<void> {
    await manager.query(
      `INSERT INTO study_plan_columns (user_id, position, title)
       VALUES ($1, (SELECT count(*) FROM study_plan_columns WHERE user_id = $1), $2)`,
      [userId, title],
    );
  }

  async renameColumn(manager: EntityManager, userId: string, columnId: string, title: string): Promise<void> {
    await manager.query(`UPDATE study_plan_columns SET title = $3 WHERE id = $1 AND user_id = $2`, [
      columnId,
      userId,
      title,
    ]);
  }

  /** Deletes a column with its cards. */
  async deleteColumn(manager: EntityManager, userId: string, columnId: string): Promise<void> {
    await manager.query(`DELETE FROM study_plan_columns WHERE id = $1 AND user_id = $2`, [columnId, userId]);
  }

  /** Numbers the columns 0, 1, 2… in the given order. */
  async setColumnOrder(manager: EntityManager, userId: string, ids: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE study_plan_columns c SET position = o.ord - 1
       FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE c.id = o.id AND c.user_id = $1`,
      [userId, ids],
    );
  }

  /** Puts the given cards in `columnId`, numbered 0, 1, 2… in the given order. */
  async setCardOrder(
    manager: EntityManager,
    userId: string,
    columnId: string,
    ids: readonly string[],
  ): Promise<void> {
    await manager.query(
      `UPDATE study_plan_cards c SET column_id = $2, position = o.ord - 1
       FROM unnest($3::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE c.id = o.id AND c.user_id = $1`,
      [userId, columnId, ids],
    );
  }

  /**
   * Changes what the patch names. A status set by hand forgets which mock completed the card: the
   * "completed in your mock" line would no longer be true of a card moved back to doing.
   */
  async updateCard(
    manager: EntityManager,
    userId: string,
    cardId: string,
    patch: StudyCardPatch,
  ): Promise<void> {
    await manager.query(
      `UPDATE study_plan_cards SET
         title = COALESCE($3, title),
         status = COALESCE($4, status),
         notes = COALESCE($5, notes),
         links = COALESCE($6::jsonb, links),
         completed_by_session = CASE WHEN $4::text IS NULL OR $4::text = 'done' THEN completed_by_session END,
         completed_at = CASE WHEN $4::text IS NULL OR $4::text = 'done' THEN completed_at END
       WHERE id = $1 AND user_id = $2`,
      [
        cardId,
        userId,
        patch.title ?? null,
        patch.status ?? null,
        patch.notes ?? null,
        patch.links ? JSON.stringify(patch.links) : null,
      ],
    );
  }

  async deleteCard(manager: EntityManager, userId: string, cardId: string): Promise<void> {
    await manager.query(`DELETE FROM study_plan_cards WHERE id = $1 AND user_id = $2`, [cardId, userId]);
  }

  /** Empties the board (its columns, and with them their cards). */
  async clear(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM study_plan_columns WHERE user_id = $1`, [userId]);
  }

  /** The prompts some card of the board practises. */
  async promptIdsOnBoard(manager: EntityManager, userId: string): Promise<Set<string>> {
    const rows: { prompt_id: string }[] = await manager.query(
      `SELECT DISTINCT prompt_id FROM study_plan_cards WHERE user_id = $1 AND prompt_id IS NOT NULL`,
      [userId],
    );
    return new Set(rows.map((row) => row.prompt_id));
  }

  /** The whole board, columns and cards in order. */
  async board(manager: EntityManager, userId: string): Promise<StudyColumn[]> {
    const columns = await this.columns(manager, userId);
    const cards: CardRecord[] = await manager.query(
      `SELECT id, column_id, title, kind, prompt_id, status, notes, links, completed_by_session, completed_at
       FROM study_plan_cards WHERE user_id = $1 ORDER BY position, id`,
      [userId],
    );
    return columns.map((column) => ({
      id: column.id,
      title: column.title,
      cards: cards
        .filter((card) => card.column_id === column.id)
        .map((card) => ({
          id: card.id,
          title: card.title,
          kind: card.kind,
          promptId: card.prompt_id,
          status: card.status,
          notes: card.notes,
          // pg parses jsonb; the embedded driver may hand back its text.
          links: typeof card.links === 'string' ? (JSON.parse(card.links) as StudyLink[]) : card.links,
          completedBy:
            card.completed_by_session && card.completed_at
              ? { sessionId: card.completed_by_session, at: new Date(card.completed_at).toISOString() }
              : null,
        })),
    }));
  }
}
