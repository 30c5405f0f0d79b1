import type { Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { ErrorAck } from '@mockboard/contracts';
import { toErrorAck } from '../room/room-error';

/**
 * Runs one socket event's work and acks with its result, or with the error ack for what it threw.
 * An internal fault is logged with its stack here and reaches the client only as 'internal'.
 */
export async function ackOf<T>(logger: Logger, work: () => Promise<T>): Promise<T | ErrorAck> {
  try {
    return await work();
  } catch (error) {
    const ack = toErrorAck(error);
    if (ack.error.code === 'internal')
      logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return ack;
  }
}

/**
 * Whether any socket in `room`, on any instance, passes `test` (socket.data as another instance
 * sent it). With the Redis adapter this asks every instance, and rejects when one does not answer.
 */
export async function anySocketIn(
  server: Server,
  room: string,
  test: (socket: { data: unknown }) => boolean,
): Promise<boolean> {
  return (await server.in(room).fetchSockets()).some(test);
}
