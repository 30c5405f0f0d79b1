/**
 * The columns a slot search reads: what the list shows (OpenSlot), not `status`, `session_id` or
 * `created_at`; each timestamp left out is one date fewer to parse per row. Its own module so that
 * bench/booking's baseline sends exactly this text.
 */
export const OPEN_SLOT_COLUMNS = 'id, host_id, starts_at, ends_at, format, prompt_id, level, host_role';
