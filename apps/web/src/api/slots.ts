import {
  SessionSchema,
  SlotListResponseSchema,
  SlotSchema,
  type CreateSlotRequest,
  type Session,
  type OpenSlot,
  type Slot,
  type TargetLevel,
} from '@mockboard/contracts';
import { request } from './client';

export interface SlotWindow {
  from: Date;
  to: Date;
  level?: TargetLevel;
}

function windowQuery({ from, to, level }: SlotWindow, mine: boolean): string {
  const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  if (level) params.set('level', level);
  if (mine) params.set('mine', 'true');
  return params.toString();
}

/** Other people's open slots in the window. */
export async function listOpenSlots(window: SlotWindow, signal?: AbortSignal): Promise<OpenSlot[]> {
  const { slots } = await request(`/slots?${windowQuery(window, false)}`, SlotListResponseSchema, { signal });
  return slots;
}

/** The caller's own slots that nobody has booked yet. */
export async function listMySlots(window: SlotWindow, signal?: AbortSignal): Promise<OpenSlot[]> {
  const { slots } = await request(`/slots?${windowQuery(window, true)}`, SlotListResponseSchema, { signal });
  return slots;
}

export function offerSlot(body: CreateSlotRequest): Promise<Slot> {
  return request('/slots', SlotSchema, { method: 'POST', body });
}

export function withdrawSlot(id: string): Promise<void> {
  return request(`/slots/${encodeURIComponent(id)}`, null, { method: 'DELETE' });
}

/** 409 when someone else was faster, or when the caller is busy at that time. */
export function bookSlot(id: string): Promise<Session> {
  return request(`/slots/${encodeURIComponent(id)}/book`, SessionSchema, { method: 'POST' });
}
