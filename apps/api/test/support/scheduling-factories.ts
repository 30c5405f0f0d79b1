import request from 'supertest';
import type { CreateSlotRequest, Session, Slot } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './factories';
import type { TestApp } from './test-app';

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;
const DAY = 24 * 60 * MINUTE;

/**
 * A quarter-hour start `daysAhead` days from now at `hour`:`minute` UTC, as ISO text. Keep
 * `daysAhead` between 1 and 59 so the instant is always inside the bookable 5-minute-to-60-day range.
 */
export function aStart({ daysAhead = 1, hour = 10, minute = 0 } = {}): string {
  const day = new Date(Date.now() + daysAhead * DAY);
  day.setUTCHours(hour, minute, 0, 0);
  return day.toISOString();
}

/** The first quarter hour at least `minutes` from now (e.g. 20 → between 20 and 35 minutes ahead). */
export function aStartIn(minutes: number): string {
  return new Date(Math.ceil((Date.now() + minutes * MINUTE) / QUARTER_HOUR) * QUARTER_HOUR).toISOString();
}

/** `instant` moved by `minutes`, as ISO text. */
export function plusMinutes(instant: string, minutes: number): string {
  return new Date(new Date(instant).getTime() + minutes * MINUTE).toISOString();
}

/** What the request helpers need of a server: an in-process test app or a server process. */
type Reachable = Pick<TestApp, 'url'>;

/** Authenticated requests as `user`. */
export function asUser(server: Reachable, user: SignedUpUser) {
  const withBody = (test: request.Test, body?: object): request.Test =>
    body === undefined ? test : test.send(body);
  return {
    get: (path: string) => request(server.url).get(path).set(user.bearer),
    post: (path: string, body?: object) => withBody(request(server.url).post(path).set(user.bearer), body),
    put: (path: string, body?: object) => withBody(request(server.url).put(path).set(user.bearer), body),
    patch: (path: string, body?: object) => withBody(request(server.url).patch(path).set(user.bearer), body),
    delete: (path: string) => request(server.url).delete(path).set(user.bearer),
  };
}

/** `[T, T, …]` with `N` elements, so `const [host, guest] = await signUpMany(server, 2)` needs no `!`. */
type Several<T, N extends number, Acc extends T[] = []> = Acc['length'] extends N
  ? Acc
  : Several<T, N, [...Acc, T]>;

export function signUpMany<N extends number>(server: TestApp, count: N): Promise<Several<SignedUpUser, N>> {
  return Promise.all(Array.from({ length: count }, () => signUp(server.url))) as Promise<
    Several<SignedUpUser, N>
  >;
}

/** Offers a slot as `host` (tomorrow 10:00 UTC, swap, unless overridden) and returns it. */
export async function offerSlot(
  server: Reachable,
  host: SignedUpUser,
  overrides: Partial<CreateSlotRequest> = {},
): Promise<Slot> {
  const response = await asUser(server, host)
    .post('/api/slots', { startsAt: aStart(), ...overrides })
    .expect(201);
  return response.body as Slot;
}

export async function bookSlot(server: Reachable, booker: SignedUpUser, slotId: string): Promise<Session> {
  const response = await asUser(server, booker).post(`/api/slots/${slotId}/book`).expect(201);
  return response.body as Session;
}

export interface BookedSession {
  host: SignedUpUser;
  guest: SignedUpUser;
  slot: Slot;
  session: Session;
}

/** Two new users (unless given), one offering a slot and the other booking it. */
export async function aBookedSession(
  server: TestApp,
  options: { host?: SignedUpUser; guest?: SignedUpUser; slot?: Partial<CreateSlotRequest> } = {},
): Promise<BookedSession> {
  const host = options.host ?? (await signUp(server.url));
  const guest = options.guest ?? (await signUp(server.url));
  const slot = await offerSlot(server, host, options.slot);
  const session = await bookSlot(server, guest, slot.id);
  return { host, guest, slot, session };
}

export async function getSession(server: TestApp, user: SignedUpUser, sessionId: string): Promise<Session> {
  return (await asUser(server, user).get(`/api/sessions/${sessionId}`).expect(200)).body as Session;
}

/** What partners may learn of each other, and what a participant entry adds to it. */
export const PARTNER_FIELDS = ['displayName', 'id', 'reliability', 'targetLevel'];
export const PARTICIPANT_FIELDS = [...PARTNER_FIELDS, 'email', 'joinedAt', 'noShow', 'sharesContact'].sort();

/** No email of `users` appears anywhere in `body`. */
export function expectNoEmails(body: unknown, ...users: SignedUpUser[]): void {
  const text = JSON.stringify(body).toLowerCase();
  for (const user of users) expect(text).not.toContain(user.user.email.toLowerCase());
}

/** The PostgreSQL SQLSTATE of a failed query, from either driver. */
export function sqlStateOf(error: unknown): string | undefined {
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failed?.driverError?.code ?? failed?.code;
  return typeof code === 'string' ? code : undefined;
}
