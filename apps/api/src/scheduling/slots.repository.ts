import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { HostRole, SessionFormat, TargetLevel } from '@mockboard/contracts';
import { blockedPairSql } from '../database/blocked-pair-sql';
import { slotListJsonSql, type OpenSlotFilter } from './open-slots-sql';
import { prepared, queryPrepared } from '../database/prepared-statement';

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

/** A slot locked for booking, with how its host reads times (their zone and date format). */
export interface BookableSlot extends StoredSlot {
  hostReads: { timeZone: string; dateTimeLocale: string | null };
}

/** An open slot: no status, session or creation time. */
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

/**
 * The slot ($1) while it is open, unless its host and the booker ($2) blocked one another, with the
 * host's zone. `status = 'open'` is in the condition so that concurrent bookers who queued for the
 * lock behind the winner find, once it commits, a row that no longer qualifies and get no row
 * without taking the lock. Checked after the lock (as `status` in the select list), each would take
 * it in turn and hold it until its own rollback: 49 losers of a race one after another, each
 * waiting for the previous one's round trips (bench/booking).
 */
const LOCK_OPEN_FOR_BOOKER = prepared(
  `SELECT s.id, s.host_id, s.starts_at, s.ends_at, s.format, s.prompt_id, s.level, s.host_role, s.status,
     s.session_id, s.created_at, u.timezone AS host_timezone, u.date_time_locale AS host_date_time_locale
   FROM slots s JOIN users u ON u.id = s.host_id
   WHERE s.id = $1 AND s.status = 'open' AND NOT ${blockedPairSql('s.host_id', '$2::uuid')}
   FOR UPDATE OF s`,
);

/** The slot's status and host as the booker ($2) may see them (as LOCK_OPEN_FOR_BOOKER), unlocked. */
const STATE_FOR_BOOKER = prepared(
  `SELECT s.status, s.host_id FROM slots s
   WHERE s.id = $1 AND NOT ${blockedPairSql('s.host_id', '$2::uuid')}`,
);

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
   * Locks the slot row for `bookerId` while it is open; null when it is not (booked, withdrawn,
   * gone, or hidden from them: `stateForBooker` tells which). A slot whose host and booker blocked
   * one another (either way) is not there for them (issue 15). The host's way of reading times
   * comes with it, for the notification a booking sends them, rather than in a round trip of its own.
   */
  async lockOpenForBooker(
    manager: EntityManager,
    slotId: string,
    bookerId: string,
  ): Promise<BookableSlot | null> {
    const rows: (SlotRow & { host_timezone: string; host_date_time_locale: string | null })[] =
      await queryPrepared(manager, LOCK_OPEN_FOR_BOOKER, [slotId, bookerId]);
    const row = rows[0];
    if (!row) return null;
    return {
      ...toStoredSlot(row),
      hostReads: { timeZone: row.host_timezone, dateTimeLocale: row.host_date_time_locale },
    };
  }

  /** The slot's status and host, as `bookerId` may see it (null: no such slot for them); no lock. */
  async stateForBooker(
    manager: EntityManager,
    slotId: string,
    bookerId: string,
  ): Promise<{ status: StoredSlot['status']; hostId: string } | null> {
    const [row]: { status: StoredSlot['status']; host_id: string }[] = await queryPrepared(
      manager,
      STATE_FOR_BOOKER,
      [slotId, bookerId],
    );
    return row ? { status: row.status, hostId: row.host_id } : null;
  }

  /** Locks the slot row whatever its status (its host withdrawing it); a booking uses lockOpenForBooker. */
  async lock(manager: EntityManager, slotId: string): Promise<StoredSlot | null> {
    const rows: SlotRow[] = await manager.query(`SELECT * FROM slots WHERE id = $1 FOR UPDATE`, [slotId]);
    return rows[0] ? toStoredSlot(rows[0]) : null;
  }

  async markBooked(manager: EntityManager, slotId: string, sessionId: string): Promise<void> {
    await queryPrepared(
      manager,
      prepared(`UPDATE slots SET status = 'booked', session_id = $2 WHERE id = $1`),
      [slotId, sessionId],
    );
  }

  async markWithdrawn(manager: EntityManager, slotId: string): Promise<void> {
    await manager.query(`UPDATE slots SET status = 'withdrawn' WHERE id = $1`, [slotId]);
  }

  /** A search's response as JSON text, built by PostgreSQL (see slotListJsonSql). */
  async openListJson(filter: OpenSlotFilter): Promise<string> {
    // A handful of texts, one per combination of filters: each stays prepared.
    const { text, values } = slotListJsonSql(filter);
    const [row] = await queryPrepared<[{ body: string }]>(this.dataSource, prepared(text), values);
    return row.body;
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
