import type { Socket } from 'socket.io';
import { forbidden } from '../common/domain-error';
import { membershipOf } from './room-membership';

/** What a feature for the session's participants says to the sockets it turns away. */
export interface ParticipantOnlyRefusals {
  observer: string;
  /** Absent: a solo session's one participant is let through too. */
  solo?: string;
  /**
   * Absent: a departing socket (its page left the room, session:depart) is let through too, for
   * what it still delivers (the notes' last save, the answer to a swap).
   */
  departed?: string;
}

/**
 * Lets through only a socket that joined `sessionId` (session:join) as a participant (of a session
 * with a partner, when `refusals.solo` is given); anyone else is `forbidden`. The room checks this
 * before a change, the call and the chat before reading the rest of a payload, so a stranger or an
 * observer learns nothing about what a valid one would be.
 */
export function requireParticipant(
  socket: Pick<Socket, 'data'>,
  sessionId: string,
  refusals: ParticipantOnlyRefusals,
): void {
  const membership = membershipOf(socket, sessionId);
  if (!membership) throw forbidden('Join the session first (session:join)');
  if (!membership.canEdit) throw forbidden(refusals.observer);
  if (membership.solo && refusals.solo !== undefined) throw forbidden(refusals.solo);
  if (membership.departing && refusals.departed !== undefined) throw forbidden(refusals.departed);
}
