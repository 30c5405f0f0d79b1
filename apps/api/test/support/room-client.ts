import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { SceneElement, Session } from '@mockboard/contracts';
import { aRectangle } from '../../../../libs/contracts/src/test-elements';
import type { SignedUpUser } from './factories';

/** socket.io's transports: a client stays on long-polling when a proxy refuses websockets. */
export type Transport = 'websocket' | 'polling';

/** A real socket.io client of one user, connected over one transport (the websocket unless told). */
export function connect(
  baseUrl: string,
  user: SignedUpUser,
  transport: Transport = 'websocket',
): Promise<Socket> {
  const socket = io(baseUrl, {
    auth: { token: user.accessToken },
    transports: [transport],
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Emits and waits for the ack. */
export function call<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<T> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;
}

/** The next `event` the socket receives. */
export function next<T = Record<string, unknown>>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

/** The first quarter hour at least 6 minutes ahead: a session whose room is already open. */
export function soonStart(now = new Date()): string {
  // Rounded up whole, seconds included: cutting the seconds first could leave the start barely
  // MIN_LEAD_MINUTES (5) ahead, and a request that took a moment through a busy server then got 400.
  const quarter = 15 * 60_000;
  return new Date(Math.ceil((now.getTime() + 6 * 60_000) / quarter) * quarter).toISOString();
}

/** A booked peer session starting soon (its room open): host interviews first. */
export async function aLiveSession(
  baseUrl: string,
  host: SignedUpUser,
  guest: SignedUpUser,
  body: Record<string, unknown> = {},
): Promise<Session> {
  const slot = await request(baseUrl)
    .post('/api/slots')
    .set(host.bearer)
    .send({ startsAt: soonStart(), format: 'swap', promptId: 'url-shortener', ...body })
    .expect(201);
  return (await request(baseUrl).post(`/api/slots/${slot.body.id}/book`).set(guest.bearer).expect(201)).body;
}

/** The lib specs' rectangle factory (test-only, outside every build), for the API and browser tests. */
export { aRectangle };

/** Resolves once `condition` holds, checking every 20 ms; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A rectangle as the gateway hands it to the scene writer: checked, with its JSON. */
export function aCheckedRectangle(overrides: Record<string, unknown> = {}): {
  element: SceneElement;
  json: string;
} {
  const element = aRectangle(overrides);
  return { element, json: JSON.stringify(element) };
}
