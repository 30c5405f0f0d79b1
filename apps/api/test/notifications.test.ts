import { io, type Socket } from 'socket.io-client';
import { NOTIFICATION_EVENT, type Notification, type NotificationListResponse } from '@mockboard/contracts';
import { formatInZone } from '@mockboard/schedule';
import { signUp, type SignedUpUser } from './support/factories';
import { aBookedSession, aStart, asUser, bookSlot, offerSlot } from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('notifications', () => {
  let server: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  const notificationsOf = async (user: SignedUpUser) =>
    (await as(user).get('/api/notifications').expect(200)).body as NotificationListResponse;

  function aSocket(auth?: { token: string }): Socket {
    const socket = io(server.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  }

  /** A socket signed in as `user`, once the server accepted it. */
  async function connectedAs(user: SignedUpUser): Promise<Socket> {
    const socket = aSocket({ token: user.accessToken });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }

  /** Every notification `socket` receives from now on. */
  function received(socket: Socket): Notification[] {
    const notifications: Notification[] = [];
    socket.on(NOTIFICATION_EVENT, (notification: Notification) => notifications.push(notification));
    return notifications;
  }

  const nextNotification = (socket: Socket): Promise<Notification> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no notification within 5 s')), 5_000);
      socket.once(NOTIFICATION_EVENT, (notification: Notification) => {
        clearTimeout(timer);
        resolve(notification);
      });
    });

  it("pushes a 'booked' notification to the host's socket, in the host's time zone", async () => {
    const host = await signUp(server.url, { timezone: 'Asia/Kolkata' });
    const guest = await signUp(server.url);
    const socket = await connectedAs(host);
    const slot = await offerSlot(server, host);

    const pushed = nextNotification(socket);
    const session = await bookSlot(server, guest, slot.id);
    expect(await pushed).toMatchObject({
      type: 'booked',
      title: 'Your slot was booked',
      body: `${guest.user.displayName} booked your slot on ${formatInZone(new Date(slot.startsAt), 'Asia/Kolkata')}.`,
      sessionId: session.id,
      readAt: null,
    });
  });

  it('lists notifications with the unread count, and marks them all read', async () => {
    const { host, session } = await aBookedSession(server);
    const listed = await notificationsOf(host);
    expect(listed.unreadCount).toBe(1);
    expect(listed.notifications).toEqual([
      expect.objectContaining({ type: 'booked', sessionId: session.id, readAt: null }),
    ]);

    await as(host).post('/api/notifications/read', {}).expect(204);
    const read = await notificationsOf(host);
    expect(read.unreadCount).toBe(0);
    expect(read.notifications[0]!.readAt).not.toBeNull();
  });

  it('marks only the given notifications read, and only your own', async () => {
    const host = await signUp(server.url);
    const [first, second] = [
      await aBookedSession(server, { host, slot: { startsAt: aStart({ hour: 8 }) } }),
      await aBookedSession(server, { host, slot: { startsAt: aStart({ hour: 12 }) } }),
    ];
    const ids = Object.fromEntries(
      (await notificationsOf(host)).notifications.map((each) => [each.sessionId, each.id]),
    );

    // Someone else's ids are ignored, not an error.
    await as(first.guest)
      .post('/api/notifications/read', { ids: [ids[first.session.id]] })
      .expect(204);
    expect((await notificationsOf(host)).unreadCount).toBe(2);

    await as(host)
      .post('/api/notifications/read', { ids: [ids[first.session.id]] })
      .expect(204);
    const after = await notificationsOf(host);
    expect(after.unreadCount).toBe(1);
    const readState = (sessionId: string) =>
      after.notifications.find((each) => each.sessionId === sessionId)!.readAt !== null;
    expect(readState(first.session.id)).toBe(true);
    expect(readState(second.session.id)).toBe(false);
  });

  it('pushes to every socket of the recipient and to nobody else', async () => {
    const { host, guest, session } = await aBookedSession(server);
    const stranger = await signUp(server.url);
    const [hostPhone, hostLaptop, guestSocket, strangerSocket] = await Promise.all([
      connectedAs(host),
      connectedAs(host),
      connectedAs(guest),
      connectedAs(stranger),
    ]);
    const toGuest = received(guestSocket);
    const toStranger = received(strangerSocket);
    const [onPhone, onLaptop] = [nextNotification(hostPhone), nextNotification(hostLaptop)];

    await as(guest).post(`/api/sessions/${session.id}/cancel`, { reason: 'Flight delayed' }).expect(200);

    for (const notification of await Promise.all([onPhone, onLaptop])) {
      expect(notification).toMatchObject({ type: 'cancelled', sessionId: session.id });
      expect(notification.body).toContain('Flight delayed');
    }
    // The canceller and bystanders hear nothing (checked after the host's pushes arrived).
    await notificationsOf(host);
    expect(toGuest).toEqual([]);
    expect(toStranger).toEqual([]);
  });

  it.each([
    ['without a token', undefined],
    ['with a forged token', { token: 'not.a.jwt' }],
  ])('refuses a socket %s at connect', async (_case, auth) => {
    const socket = aSocket(auth);
    const error = await new Promise<Error>((resolve, reject) => {
      socket.once('connect_error', resolve);
      socket.once('connect', () => reject(new Error('the server accepted the socket')));
    });
    expect(error.message).toBe('unauthorized: sign in first');
    expect(socket.connected).toBe(false);
  });
});
