import type { OpenSlot, Partner, Slot } from '@mockboard/contracts';
import type { StoredOpenSlot, StoredSlot } from './slots.repository';

export function toSlotView(slot: StoredSlot, host: Partner): Slot {
  return {
    ...toOpenSlotView(slot, host),
    status: slot.status,
    sessionId: slot.sessionId,
    createdAt: slot.createdAt.toISOString(),
  };
}

/** The fields of a slot that OpenSlotSchema lists; a search builds the same in SQL (open-slots-sql.ts). */
export function toOpenSlotView(slot: StoredOpenSlot, host: Partner): OpenSlot {
  return {
    id: slot.id,
    host,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    durationMinutes: Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000),
    format: slot.format,
    promptId: slot.promptId,
    level: slot.level,
    hostRole: slot.hostRole,
  };
}
