import ICAL from 'ical.js';
import request from 'supertest';
import type { CalendarFeedResponse, NotificationListResponse, Session, Slot } from '@mockboard/contracts';
import { formatInZone } from '@mockboard/schedule';
import { signUp, type SignedUpUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const DAY = 24 * 60 * 60_000;
const ADMIN_EMAIL = 'calendar-admin@example.test';
/** Links are written with PUBLIC_URL, not with the address a request happened to reach us by. */
const PUBLIC_URL = 'https://mockboard.example.test';

/** Tomorrow at `hour`:00 UTC: always a bookable quarter hour, 11+ hours ahead for hour ≥ 11. */
function tomorrowAt(hour: number): string {
  const day = new Date(Date.now() + DAY);
  day.setUTCHours(hour, 0, 0, 0);
  return day.toISOString();
}

function parseEvents(ics: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

function parseOnlyEvent(ics: string): ICAL.Event {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
}

function utc(time: ICAL.Time): string {
  return time.toJSDate().toISOString();
}

describe('calendar: .ics downloads and private feeds', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ ADMIN_EMAILS: ADMIN_EMAIL, PUBLIC_URL });
  });
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => ({
    get: (path: string) => request(server.url).get(path).set(user.bearer),
    post: (path: string, body?: object) => request(server.url).post(path).set(user.bearer).send(body),
  });

  /** `host` offers a slot (tomorrow 11:00 UTC, swap, unless told otherwise); `guest` books it. */
  async function aBookedSession(
    host: SignedUpUser,
    guest: SignedUpUser,
    startsAt = tomorrowAt(11),
  ): Promise<Session> {
    const slot = (await as(host).post('/api/slots', { startsAt, format: 'swap' }).expect(201)).body as Slot;
    return (await as(guest).post(`/api/slots/${slot.id}/book`).expect(201)).body as Session;
  }

  async function downloadIcs(user: SignedUpUser, sessionId: string): Promise<request.Response> {
    return as(user).get(`/api/sessions/${sessionId}/calendar.ics`).expect(200);
  }

  async function feedUrlOf(user: SignedUpUser): Promise<string> {
    return ((await as(user).get('/api/calendar/feed').expect(200)).body as CalendarFeedResponse).url;
  }

  /** Fetches a feed URL the way a calendar app does: no cookie, no bearer token. */
  function fetchFeed(url: string): request.Test {
    return request(server.url).get(new URL(url).pathname);
  }

  describe('one session as an .ics file', () => {
    it('serves a text/calendar attachment named after the session', async () => {
      const guest = await signUp(server.url);
      const session = await aBookedSession(await signUp(server.url), guest);

      const response = await downloadIcs(guest, session.id);

      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="mockboard-session-${session.id}.ics"`,
      );
      expect(response.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(response.text).toContain('METHOD:PUBLISH\r\n');
      expect(response.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    });

    it('parses back with ical.js: a stable UID, the session’s instants and the absolute room link', async () => {
      const host = await signUp(server.url, { displayName: 'Bob' });
      const guest = await signUp(server.url, { displayName: 'Alice' });
      const session = await aBookedSession(host, guest);

      const first = parseOnlyEvent((await downloadIcs(guest, session.id)).text);
      const second = parseOnlyEvent((await downloadIcs(guest, session.id)).text);
      const hosts = parseOnlyEvent((await downloadIcs(host, session.id)).text);

      expect(first.uid).toBe(`${session.id}@mockboard`);
      expect(second.uid).toBe(first.uid);
      expect(hosts.uid).toBe(first.uid);
      expect(utc(first.startDate)).toBe(session.startsAt);
      expect(utc(first.endDate)).toBe(session.endsAt);
      expect(first.startDate.zone.tzid).toBe('UTC');
      const room = `${PUBLIC_URL}/sessions/${session.id}/room`;
      expect(first.component.getFirstPropertyValue('url')).toBe(room);
      expect(first.description).toContain(room);
      expect(first.summary).toBe('Mock system-design interview with Bob');
      expect(hosts.summary).toBe('Mock system-design interview with Alice');
      expect(first.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(first.sequence).toBe(0);
    });

    it('answers someone who takes no part with the same JSON 404 as a session that does not exist', async () => {
      const session = await aBookedSession(await signUp(server.url), await signUp(server.url));
      const outsider = await signUp(server.url);

      const hidden = await as(outsider).get(`/api/sessions/${session.id}/calendar.ics`).expect(404);
      const missing = await as(outsider)
        .get('/api/sessions/00000000-0000-4000-8000-000000000000/calendar.ics')
        .expect(404);
      const malformed = await as(outsider).get('/api/sessions/not-a-uuid/calendar.ics').expect(404);

      expect(hidden.headers['content-type']).toMatch(/^application\/json/);
      expect(hidden.headers['content-disposition']).toBeUndefined();
      expect(hidden.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'No session with this id',
      });
      expect(missing.body).toEqual(hidden.body);
      expect(malformed.body).toEqual(hidden.body);
    });

    it('asks for a sign-in, in JSON, when nobody is signed in', async () => {
      const session = await aBookedSession(await signUp(server.url), await signUp(server.url));
      const response = await request(server.url).get(`/api/sessions/${session.id}/calendar.ics`).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.message).toBe('Sign in to continue');
    });

    it('lets an admin download any session', async () => {
      const admin = await signUp(server.url, { email: ADMIN_EMAIL });
      const session = await aBookedSession(await signUp(server.url), await signUp(server.url));
      expect(parseOnlyEvent((await downloadIcs(admin, session.id)).text).uid).toBe(`${session.id}@mockboard`);
    });
  });

  describe('the private feed', () => {
    it('gives each user one feed URL, the same on every call and different from anyone else’s', async () => {
      const [ada, grace] = [await signUp(server.url), await signUp(server.url)];
      const url = await feedUrlOf(ada);

      expect(await feedUrlOf(ada)).toBe(url);
      expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/api/calendar/feed/[A-Za-z0-9_-]{32}\\.ics$`));
      expect(await feedUrlOf(grace)).not.toBe(url);
    });

    it('writes PUBLIC_URL into feed URLs and invitations whatever Host or X-Forwarded-Host is sent', async () => {
      const [host, guest] = [await signUp(server.url), await signUp(server.url)];
      const session = await aBookedSession(host, guest);
      const forged = {
        Host: 'evil.example',
        'X-Forwarded-Host': 'evil.example',
        'X-Forwarded-Proto': 'http',
      };
      const feed = await request(server.url)
        .get('/api/calendar/feed')
        .set(guest.bearer)
        .set(forged)
        .expect(200);
      expect((feed.body as CalendarFeedResponse).url.startsWith(`${PUBLIC_URL}/api/calendar/feed/`)).toBe(
        true,
      );
      const ics = await request(server.url)
        .get(`/api/sessions/${session.id}/calendar.ics`)
        .set(guest.bearer)
        .set(forged)
        .expect(200);
      expect(ics.text).not.toContain('evil.example');
      expect(parseOnlyEvent(ics.text).component.getFirstPropertyValue('url')).toBe(
        `${PUBLIC_URL}/sessions/${session.id}/room`,
      );
      const subscribed = await fetchFeed((feed.body as CalendarFeedResponse).url)
        .set(forged)
        .expect(200);
      expect(subscribed.text).not.toContain('evil.example');
      expect(
        parseEvents(subscribed.text).map((event) => event.component.getFirstPropertyValue('url')),
      ).toEqual([`${PUBLIC_URL}/sessions/${session.id}/room`]);
    });

    it('works without signing in and lists the booked session for both participants', async () => {
      const host = await signUp(server.url);
      const guest = await signUp(server.url);
      const session = await aBookedSession(host, guest);
      const unrelated = await aBookedSession(await signUp(server.url), await signUp(server.url));

      for (const user of [host, guest]) {
        const response = await fetchFeed(await feedUrlOf(user)).expect(200);
        expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
        expect(response.headers['cache-control']).toBe('private, max-age=300');
        const events = parseEvents(response.text);
        expect(events.map((event) => event.uid)).toEqual([`${session.id}@mockboard`]);
        expect(utc(events[0]!.startDate)).toBe(session.startsAt);
        expect(events.map((event) => event.uid)).not.toContain(`${unrelated.id}@mockboard`);
      }
    });

    it('lists upcoming sessions and those that ended in the last 7 days, soonest first', async () => {
      const user = await signUp(server.url);
      const later = await aBookedSession(await signUp(server.url), user, tomorrowAt(15));
      const recent = await aBookedSession(await signUp(server.url), user, tomorrowAt(11));
      const old = await aBookedSession(await signUp(server.url), user, tomorrowAt(18));
      // Sessions cannot be booked in the past through the API, so these two are moved back in time.
      const moveBack = (id: string, days: number) =>
        server.dataSource.query(
          `UPDATE sessions SET starts_at = starts_at - make_interval(days => $2),
             ends_at = ends_at - make_interval(days => $2), status = 'completed' WHERE id = $1`,
          [id, days],
        );
      await moveBack(recent.id, 6);
      await moveBack(old.id, 9);

      const events = parseEvents((await fetchFeed(await feedUrlOf(user)).expect(200)).text);

      expect(events.map((event) => event.uid)).toEqual([`${recent.id}@mockboard`, `${later.id}@mockboard`]);
      expect(events[0]!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    });

    it('revoking makes the old URL answer 404 and the new one work', async () => {
      const user = await signUp(server.url);
      const session = await aBookedSession(await signUp(server.url), user);
      const old = await feedUrlOf(user);

      const revoked = (await as(user).post('/api/calendar/feed/revoke').expect(200))
        .body as CalendarFeedResponse;

      expect(revoked.url).not.toBe(old);
      expect(await feedUrlOf(user)).toBe(revoked.url);
      const gone = await fetchFeed(old).expect(404);
      expect(gone.headers['content-type']).toMatch(/^application\/json/);
      expect(gone.headers['cache-control']).not.toBe('private, max-age=300');
      expect(gone.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      const events = parseEvents((await fetchFeed(revoked.url).expect(200)).text);
      expect(events.map((event) => event.uid)).toEqual([`${session.id}@mockboard`]);
    });

    it('answers an unknown or malformed token with a JSON 404', async () => {
      for (const token of ['A'.repeat(32), 'short', 'has.dots.in.it']) {
        const response = await request(server.url).get(`/api/calendar/feed/${token}.ics`).expect(404);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body.statusCode).toBe(404);
      }
    });

    it('needs a sign-in to read or revoke the feed URL', async () => {
      await request(server.url).get('/api/calendar/feed').expect(401);
      await request(server.url).post('/api/calendar/feed/revoke').expect(401);
    });

    it('keeps a cancelled session, as CANCELLED with a higher SEQUENCE, so calendars remove it', async () => {
      const host = await signUp(server.url);
      const guest = await signUp(server.url, { displayName: 'Grace' });
      const session = await aBookedSession(host, guest);
      await as(guest)
        .post(`/api/sessions/${session.id}/cancel`, { reason: 'Flight moved, sorry' })
        .expect(200);

      for (const user of [host, guest]) {
        const [event] = parseEvents((await fetchFeed(await feedUrlOf(user)).expect(200)).text);
        expect(event!.uid).toBe(`${session.id}@mockboard`);
        expect(event!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
        expect(event!.sequence).toBe(1);
      }
      const download = parseOnlyEvent((await downloadIcs(host, session.id)).text);
      expect(download.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(download.description).toContain('Cancelled by Grace: Flight moved, sorry');
    });

    it('moves the event and raises its SEQUENCE when the partners agree a new time', async () => {
      const host = await signUp(server.url);
      const guest = await signUp(server.url);
      const session = await aBookedSession(host, guest);
      const newStart = tomorrowAt(16);
      await as(host).post(`/api/sessions/${session.id}/reschedule`, { startsAt: newStart }).expect(200);
      await as(guest).post(`/api/sessions/${session.id}/reschedule/respond`, { accept: true }).expect(200);

      const [event] = parseEvents((await fetchFeed(await feedUrlOf(guest)).expect(200)).text);

      expect(event!.uid).toBe(`${session.id}@mockboard`);
      expect(utc(event!.startDate)).toBe(newStart);
      expect(event!.sequence).toBe(1);
    });
  });

  it('shows two users in Asia/Kolkata and America/Los_Angeles the same instant', async () => {
    const kolkata = await signUp(server.url, { timezone: 'Asia/Kolkata', displayName: 'Priya' });
    const losAngeles = await signUp(server.url, { timezone: 'America/Los_Angeles', displayName: 'Sam' });
    const booked = await aBookedSession(kolkata, losAngeles, tomorrowAt(11));

    // The same instant on the wire for both…
    const seenByKolkata = (await as(kolkata).get(`/api/sessions/${booked.id}`).expect(200)).body as Session;
    const seenByLosAngeles = (await as(losAngeles).get(`/api/sessions/${booked.id}`).expect(200))
      .body as Session;
    expect(seenByKolkata.startsAt).toBe(tomorrowAt(11));
    expect(seenByLosAngeles.startsAt).toBe(seenByKolkata.startsAt);

    // …in both calendar files…
    const kolkataEvent = parseOnlyEvent((await downloadIcs(kolkata, booked.id)).text);
    const losAngelesEvent = parseOnlyEvent((await downloadIcs(losAngeles, booked.id)).text);
    expect(utc(kolkataEvent.startDate)).toBe(seenByKolkata.startsAt);
    expect(utc(losAngelesEvent.startDate)).toBe(seenByKolkata.startsAt);
    expect(utc(losAngelesEvent.endDate)).toBe(utc(kolkataEvent.endDate));

    // …and each notification names the reader's zone with its wall-clock time: 11:00 UTC is 16:30 in
    // Kolkata (UTC+5:30 all year) and 03:00 or 04:00 in Los Angeles (PST or PDT).
    await as(kolkata).post(`/api/sessions/${booked.id}/cancel`, { reason: 'Something came up' }).expect(200);
    const startsAt = new Date(seenByKolkata.startsAt);
    const notificationOf = async (user: SignedUpUser, type: string) => {
      const list = (await as(user).get('/api/notifications').expect(200)).body as NotificationListResponse;
      return list.notifications.find((notification) => notification.type === type)!;
    };
    const booking = await notificationOf(kolkata, 'booked');
    const cancellation = await notificationOf(losAngeles, 'cancelled');
    expect(booking.body).toContain(formatInZone(startsAt, 'Asia/Kolkata'));
    expect(booking.body).toMatch(/, 16:30 \(Asia\/Kolkata\)/);
    expect(cancellation.body).toContain(formatInZone(startsAt, 'America/Los_Angeles'));
    expect(cancellation.body).toMatch(/, 0[34]:00 \(America\/Los_Angeles\)/);
    expect(booking.sessionId).toBe(booked.id);
    expect(cancellation.sessionId).toBe(booked.id);
  });
});
