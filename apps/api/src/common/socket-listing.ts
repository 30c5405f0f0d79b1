import type { DefaultEventsMap, RemoteSocket, Server } from 'socket.io';

/**
 * How long the other instances may take to list their sockets (fetchSockets) before a connect or a
 * join goes on without them. One that is alive answers within milliseconds, busy or not; one that
 * hangs with its Redis connection open would otherwise hold every connect and join for the
 * adapter's default of 5 s.
 */
export const SOCKET_LIST_TIMEOUT_MS = 2_000;

/**
 * The sockets in `room` on every instance. Should another instance not answer in time (one that
 * hangs: its event loop stuck, its machine paused), this instance's own are returned and
 * `onPartial` hears why: whatever asked goes on with what is known here rather than fail. The
 * adapter drops the answers that did come, so meanwhile sockets on every other instance are left
 * out (peers there show offline, and a per-room cap counts this instance's sockets only). That
 * lasts until the hung instance has been silent for LIVENESS's beats (10–12 s): from then on it is
 * not counted, and the others' answers suffice again (live-instances.ts).
 */
export async function socketsInRoom(
  server: Server,
  room: string,
  onPartial: (error: unknown) => void,
): Promise<RemoteSocket<DefaultEventsMap, unknown>[]> {
  try {
    return await server.timeout(SOCKET_LIST_TIMEOUT_MS).in(room).fetchSockets();
  } catch (error) {
    onPartial(error);
    return server.local.in(room).fetchSockets();
  }
}

/**
 * Whether any socket in `room`, on any instance, passes `test` (socket.data as another instance
 * sent it). With the Redis adapter this asks every instance, and rejects when one does not answer
 * within the adapter's 5 s: a departure is then not announced wrongly, but asked about again once
 * the hung instance is silent and no longer waited for (RoomPresence).
 */
export async function anySocketIn(
  server: Server,
  room: string,
  test: (socket: { id: string; data: unknown }) => boolean,
): Promise<boolean> {
  return (await server.in(room).fetchSockets()).some(test);
}
