import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { HostRole, SessionFormat, TargetLevel } from '@mockboard/contracts';
import { blockedPairSql } from '../database/blocked-pair-sql';
import { OPEN_SLOT_COLUMNS } from './open-slots-sql';

/** A slot as the services see it, in camelCase. */
export interface StoredSlot {
  id: string;
  hostId: string;
  startsAt: Date;
  endsAt: Date;
  format: SessionFormat;
  promptId: string | null;
  level: TargetLevel | null;
  hostRole: HostRole;
  status: 'open' | 'booked' | 'withdrawn';
  sessionId: string | null;
  createdAt: Date;
}

/** A slot as a search reads it (OPEN_SLOT_COLUMNS): open, so no status, session or creation time. */
export type StoredOpenSlot = Omit<StoredSlot, 'status' | 'sessionId' | 'createdAt'>;

// The row as PostgreSQL returns it; mapped to StoredSlot before it leaves this file.
interface SlotRow {
  id: string;
  host_id: string;
  starts_at: Date;
  ends_at: Date;
  format: SessionFormat;
  prompt_id: string | null;
  level: TargetLevel | null;
  host_role: HostRole;
  status: StoredSlot['status'];
  session_id: string | null;
  created_at: Date;
}

export interface NewSlot {
  hostId: string;
  startsAt: Date;
  endsAt: Date;
  format: SessionFormat;
  promptId: string | null;
  level: TargetLevel | null;
  hostRole: HostRole;
}

export interface OpenSlotFilter {
  from: Date;
  to: Date;
  level?: TargetLevel;
  /**
   * Only this host's slots, or everyone's but this user's: the viewer's, who is then also not shown
   * the slots of anyone they blocked or who blocked them (issue 15).
   */
  hostId?: string;
  excludeHostId?: string;
  limit: number;
}

@Injectable()
export class SlotsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, slot: NewSlot): Promise<StoredSlot> {
    const [row] = (await manager.query(
      `INSERT INTO slots (host_id, starts_at, ends_at, format, prompt_id, level, host_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [slot.hostId, slot.startsAt, slot.endsAt, slot.format, slot.promptId, slot.level, slot.hostRole],
    )) as SlotRow[];
    return toStoredSlot(row!);
  }

  /**
   * Locks the slot row for `bookerId`, as `lock` does; a slot whose host and booker blocked one
   * another (either way) is not there for them (issue 15).
   */
  async lockBookable(manager: EntityManager, slotId: string, bookerId: string): Promise<StoredSlot | null> {
    const rows: SlotRow[] = await manager.query(
      `SELECT * FROM slots WHERE id = $1 AND NOT ${blockedPairSql('host_id', '$2::uuid')} FOR UPDATE`,
      [slotId, bookerId],
    );
    return rows[0] ? toStoredSlot(rows[0]) : null;
  }

  /** Locks the slot row: concurrent bookers of one slot queue here and see the winner's change. */
  async lock(manager: EntityManager, slotId: string): Promise<StoredSlot | null> {
    const rows: SlotRow[] = await manager.query(`SELECT * FROM slots WHERE id = $1 FOR UPDATE`, [slotId]);
    return rows[0] ? toStoredSlot(rows[0]) : null;
  }

  async markBooked(manager: EntityManager, slotId: string, sessionId: string): Promise<void> {
    await manager.query(`UPDATE slots SET status = 'booked', session_id = $2 WHERE id = $1`, [
      slotId,
      sessionId,
    ]);
  }

  async markWithdrawn(manager: EntityManager, slotId: string): Promise<void> {
    await manager.query(`UPDATE slots SET status = 'withdrawn' WHERE id = $1`, [slotId]);
  }

  /** Open slots starting in [from, to), soonest first; served by the partial index on open slots. */
  async open(filter: OpenSlotFilter): Promise<StoredOpenSlot[]> {
    const conditions = [`status = 'open'`, `starts_at >= $1`, `starts_at < $2`, `starts_at > now()`];
    const parameters: unknown[] = [filter.from, filter.to];
    if (filter.level) {
      parameters.push(filter.level);
      conditions.push(`level = $${parameters.length}`);
    }
    if (filter.hostId) {
      parameters.push(filter.hostId);
      conditions.push(`host_id = $${parameters.length}`);
    }
    if (filter.excludeHostId) {
      parameters.push(filter.excludeHostId);
      conditions.push(`host_id <> $${parameters.length}`);
      conditions.push(`NOT ${blockedPairSql('host_id', `$${parameters.length}::uuid`)}`);
    }
    const rows: OpenSlotRow[] = await this.dataSource.query(
      `SELECT ${OPEN_SLOT_COLUMNS} FROM slots WHERE ${conditions.join(' AND ')}
       ORDER BY starts_at, id LIMIT ${filter.limit}`,
      parameters,
    );
    return rows.map(toStoredOpenSlot);
  }
}

type OpenSlotRow = Omit<SlotRow, 'status' | 'session_id' | 'created_at'>;

function toStoredOpenSlot(row: OpenSlotRow): StoredOpenSlot {
  return {
    id: row.id,
    hostId: row.host_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    format: row.format,
    promptId: row.prompt_id,
    level: row.level,
    hostRole: row.host_role,
  };
}

function toStoredSlot(row: SlotRow): StoredSlot {
  return {
    ...toStoredOpenSlot(row),
    status: row.status,
    sessionId: row.session_id,
    createdAt: row.created_at,
  };
}
