import type { Partner, Slot } from '@mockboard/contracts';
import type { SlotRow } from './slots.repository';

export function toSlotView(row: SlotRow, host: Partner): Slot {
  return {
    id: row.id,
    host,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    durationMinutes: Math.round((row.ends_at.getTime() - row.starts_at.getTime()) / 60_000),
    format: row.format,
    promptId: row.prompt_id,
    level: row.level,
    hostRole: row.host_role,
    status: row.status,
    sessionId: row.session_id,
    createdAt: row.created_at.toISOString(),
  };
}
