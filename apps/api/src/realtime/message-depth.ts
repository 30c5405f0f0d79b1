import type { Socket } from 'socket.io';
import type { ErrorAck } from '@mockboard/contracts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../common/json-depth';

const TOO_DEEP: ErrorAck = {
  ok: false,
  error: {
    code: 'bad_request',
    message: `The message nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`,
  },
};

/**
 * Refuses any event whose arguments nest deeper than MAX_JSON_DEPTH, before a handler walks them
 * recursively (JSON.stringify, zod, jsonb) and overflows the stack: an event with an ack is
 * answered bad_request, one without is dropped. socket.io has already parsed the message with
 * JSON.parse, which does not recurse.
 */
export function refuseDeepMessages(socket: Socket): void {
  socket.use((packet, next) => {
    const ack = packet[packet.length - 1];
    const args = typeof ack === 'function' ? packet.slice(1, -1) : packet.slice(1);
    // The arguments array itself is one level; each payload may use the rest.
    if (!nestedDeeperThan(args, MAX_JSON_DEPTH + 1)) return next();
    if (typeof ack === 'function') (ack as (reply: ErrorAck) => void)(TOO_DEEP);
  });
}
