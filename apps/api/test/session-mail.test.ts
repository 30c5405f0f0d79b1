import ICAL from 'ical.js';
import request from 'supertest';
import type { MatchRequest } from '@mockboard/contracts';
import { formatInZone } from '@mockboard/schedule';
import { SchedulingSweeper } from '../src/scheduling/scheduling-sweeper.service';
import { RevealSweeper } from '../src/scoring/reveal-sweeper.service';
import { NoticeMailComposers } from '../src/session-mail/notice-mail.composers';
import { signUp, type SignedUpUser } from './support/factories';
import { aStart, aStartIn, asUser, bookSlot, offerSlot } from './support/scheduling-factories';
import { aPastSession, aScorecard, endSessionHoursAgo, putScorecard } from './support/scoring-factories';
import { PUBLIC_URL, aMoment, mailEnv, mailsTo, waitForMail } from './support/session-mail-support';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from './support/smtp-catcher';
import { startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;

/** The invitation attached to `mail` (invite.ics), as text. */
function invitationOf(mail: CaughtMail): string {
  const ics = mail.attachments.find((attachment) => attachment.filename === 'invite.ics');
  expect(ics).toBeDefined();
  return ics!.content.toString('utf8');
}

function parse(ics: string): { method: string; event: ICAL.Event } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!),
  };
}

function attendeesOf(event: ICAL.Event): { address: string; name: unknown; rsvp: unknown }[] {
  return event.attendees.map((attendee) => ({
    address: String(attendee.getFirstValue()),
    name: attendee.getParameter('cn'),
    rsvp: attendee.getParameter('rsvp'),
  }));
}

describe('session mails (issue 15)', () => {
  let catcher: SmtpCatcher;
  let server: TestApp;
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    server = await startTestApp(mailEnv(catcher));
  });
  afterAll(async () => {
    await server?.close();
    await catcher?.close();
  });

  const as = (user: SignedUpUser) => asUser(server, user);
  let days = 0;
  /** Each test books its own day, so one test's sessions never overlap another's. */
  const nextStart = (hour = 17) => aStart({ daysAhead: 2 + ++days, hour });

  /** The session's calendar file, as a participant downloads it. */
  async function calendarFileOf(user: SignedUpUser, sessionId: string): Promise<ICAL.Event> {
    const response = await request(server.url)
      .get(`/api/sessions/${sessionId}/calendar.ics`)
      .set(user.bearer)
      .expect(200);
    return parse(response.text).event;
  }

  function expectWellFormedIcs(ics: string): void {
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }

  it('confirms a booking to both, in each reader’s zone and format, with the session’s calendar event as an invitation', async () => {
    const host = await signUp(server.url, {
      timezone: 'Europe/Paris',
      displayName: 'Ada <b>Lovelace</b> & Co',
    });
    const guest = await signUp(server.url, { timezone: 'America/New_York', displayName: 'Grace' });
    await as(guest).patch('/api/me', { dateTimeLocale: 'en-US' }).expect(200);
    const startsAt = nextStart();
    const session = await bookSlot(server, guest, (await offerSlot(server, host, { startsAt })).id);

    const toHost = await waitForMail(catcher, host, 'Booked:');
    const toGuest = await waitForMail(catcher, guest, 'Booked:');
    const start = new Date(startsAt);
    expect(toHost.subject).toBe(`Booked: mock interview with Grace, ${formatInZone(start, 'Europe/Paris')}`);
    expect(toGuest.subject).toBe(
      `Booked: mock interview with Ada <b>Lovelace</b> & Co, ${formatInZone(start, 'America/New_York', 'en-US')}`,
    );
    expect(toHost.from?.value[0]?.address).toBe('no-reply@mockboard.example.test');

    // Both parts say it, with the link built from PUBLIC_URL; the display name is escaped in HTML.
    const sessionUrl = `${PUBLIC_URL}/sessions/${session.id}`;
    for (const mail of [toHost, toGuest]) {
      expect(mail.text).toContain(sessionUrl);
      expect(mail.html).toContain(`href="${sessionUrl}"`);
      expect(mail.text).not.toContain('127.0.0.1');
    }
    expect(toGuest.text).toContain(
      'Your mock system-design interview with Ada <b>Lovelace</b> & Co is booked',
    );
    expect(toGuest.html).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt; &amp; Co');
    expect(toGuest.html).not.toContain('<b>Lovelace</b>');

    // The invitation is the calendar file's event: same UID, SEQUENCE, times; REQUEST adds it.
    const file = await calendarFileOf(host, session.id);
    const hostIcs = invitationOf(toHost);
    expectWellFormedIcs(hostIcs);
    const { method, event } = parse(hostIcs);
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(file.uid);
    expect(event.uid).toBe(`${session.id}@mockboard`);
    expect(event.sequence).toBe(0);
    expect(event.sequence).toBe(file.sequence);
    expect(event.startDate.toJSDate().toISOString()).toBe(startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(file.endDate.toJSDate().toISOString());
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(event.component.getFirstPropertyValue('url')).toBe(`${sessionUrl}/room`);
    expect(event.description).toContain(`${sessionUrl}/room`);
    expect(event.summary).toBe('Mock system-design interview with Grace');
    expect(event.organizer).toBe('mailto:no-reply@mockboard.example.test');
    // Both take part; the partner's address stays private until both choose to share contacts.
    expect(attendeesOf(event)).toEqual([
      { address: `mailto:${host.user.email}`, name: 'Ada <b>Lovelace</b> & Co', rsvp: 'FALSE' },
      { address: `urn:uuid:${guest.user.id}`, name: 'Grace', rsvp: 'FALSE' },
    ]);
    expect(toHost.raw.toLowerCase()).not.toContain(guest.user.email.toLowerCase());
    expect(toGuest.raw.toLowerCase()).not.toContain(host.user.email.toLowerCase());
    expect(parse(invitationOf(toGuest)).event.uid).toBe(file.uid);
  });

  it('confirms a match to both partners with the invitation', async () => {
    const [first, second] = [await signUp(server.url), await signUp(server.url)];
    const startsAt = nextStart(9);
    await as(first).post('/api/match-requests', { startsAt }).expect(201);
    const paired = (await as(second).post('/api/match-requests', { startsAt }).expect(201))
      .body as MatchRequest;
    expect(paired.sessionId).toBeTruthy();

    for (const [reader, partner] of [
      [first, second],
      [second, first],
    ] as const) {
      const mail = await waitForMail(catcher, reader, 'Booked:');
      expect(mail.subject).toContain(`with ${partner.user.displayName}, `);
      const { method, event } = parse(invitationOf(mail));
      expect(method).toBe('REQUEST');
      expect(event.uid).toBe(`${paired.sessionId}@mockboard`);
    }
  });

  it('tells partners matched to practise now that the session starts now', async () => {
    const [first, second] = [await signUp(server.url), await signUp(server.url)];
    const body = { startsAt: 'now', durationMinutes: 45, format: 'single' };
    await as(first).post('/api/match-requests', body).expect(201);
    const paired = (await as(second).post('/api/match-requests', body).expect(201)).body as MatchRequest;
    expect(paired.sessionId).toBeTruthy();

    const mail = await waitForMail(catcher, first, 'Booked:');
    expect(mail.text).toContain(
      `Your mock system-design interview with ${second.user.displayName} starts now (`,
    );
    expect(mail.text).not.toContain('The room opens 30 minutes before the start.');
    expect(parse(invitationOf(mail)).event.uid).toBe(`${paired.sessionId}@mockboard`);
  });

  it('sends the moved invitation with a higher SEQUENCE once a new time is accepted, and the cancellation to both', async () => {
    const host = await signUp(server.url, { timezone: 'Asia/Kolkata', displayName: 'Priya' });
    const guest = await signUp(server.url, { timezone: 'Europe/London', displayName: 'Sam' });
    const session = await bookSlot(
      server,
      guest,
      (await offerSlot(server, host, { startsAt: nextStart() })).id,
    );
    await waitForMail(catcher, host, 'Booked:');
    await waitForMail(catcher, guest, 'Booked:');

    // A proposal alone is the in-app notification's job; the move is mailed once accepted.
    const newStart = plusHours(session.startsAt, 2);
    await as(host).post(`/api/sessions/${session.id}/reschedule`, { startsAt: newStart }).expect(200);
    await aMoment(500);
    expect(mailsTo(catcher, guest, 'Moved:')).toHaveLength(0);
    await as(guest).post(`/api/sessions/${session.id}/reschedule/respond`, { accept: true }).expect(200);

    const movedToHost = await waitForMail(catcher, host, 'Moved:');
    const movedToGuest = await waitForMail(catcher, guest, 'Moved:');
    expect(movedToHost.subject).toBe(
      `Moved: mock interview with Sam, now ${formatInZone(new Date(newStart), 'Asia/Kolkata')}`,
    );
    expect(movedToGuest.subject).toBe(
      `Moved: mock interview with Priya, now ${formatInZone(new Date(newStart), 'Europe/London')}`,
    );
    const moved = parse(invitationOf(movedToGuest));
    const movedFile = await calendarFileOf(guest, session.id);
    expect(moved.method).toBe('REQUEST');
    expect(moved.event.uid).toBe(movedFile.uid);
    expect(moved.event.sequence).toBe(1);
    expect(moved.event.sequence).toBe(movedFile.sequence);
    expect(moved.event.startDate.toJSDate().toISOString()).toBe(newStart);

    await as(guest)
      .post(`/api/sessions/${session.id}/cancel`, { reason: 'A family matter; sorry' })
      .expect(200);
    const toHost = await waitForMail(catcher, host, 'Sam cancelled:');
    const toGuest = await waitForMail(catcher, guest, 'Cancelled: your mock interview with Priya');
    expect(toHost.subject).toBe(
      `Sam cancelled: mock interview, ${formatInZone(new Date(newStart), 'Asia/Kolkata')}`,
    );
    expect(toHost.text).toContain('Sam cancelled your mock interview on');
    expect(toHost.text).toContain('Reason given: A family matter; sorry');
    expect(toGuest.text).toContain('You cancelled your mock interview with Priya');
    const cancelledFile = await calendarFileOf(host, session.id);
    for (const mail of [toHost, toGuest]) {
      const { method, event } = parse(invitationOf(mail));
      expect(method).toBe('CANCEL');
      expect(event.uid).toBe(cancelledFile.uid);
      expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(event.sequence).toBe(2);
      expect(event.sequence).toBe(cancelledFile.sequence);
    }
    await aMoment(500);
    expect(mailsTo(catcher, host, 'Moved:')).toHaveLength(1);
    expect(mailsTo(catcher, guest, 'Moved:')).toHaveLength(1);
  });

  describe('reminders', () => {
    const reminderKeys = async (sessionId: string): Promise<string[]> =>
      (
        (await server.dataSource.query(
          `SELECT dedupe_key FROM outgoing_mail WHERE kind = 'reminder' AND data->>'sessionId' = $1 ORDER BY dedupe_key`,
          [sessionId],
        )) as { dedupe_key: string }[]
      ).map((row) => row.dedupe_key);

    const keysFor = (session: { id: string; startsAt: string }, offset: number, ...users: SignedUpUser[]) =>
      users.map((user) => `reminder:${session.id}:${user.user.id}:${offset}:${session.startsAt}`).sort();
    const minutesBefore = (startsAt: string, minutes: number) =>
      new Date(new Date(startsAt).getTime() - minutes * MINUTE);

    it('sends the 24-hour reminder to a session booked 30 hours ahead when due, then the 1-hour one; a sweep with nothing new queues nothing', async () => {
      const host = await signUp(server.url);
      const guest = await signUp(server.url);
      const session = await bookSlot(
        server,
        guest,
        (await offerSlot(server, host, { startsAt: aStartIn(30 * 60) })).id,
      );
      const sweeper = server.app.get(SchedulingSweeper);

      expect((await sweeper.sweep()).reminderMails).toBe(0);
      expect(await reminderKeys(session.id)).toEqual([]);

      // Two instances at once: both may ask, the dedupe key keeps one row per person.
      const at24h = minutesBefore(session.startsAt, 24 * 60 - 1);
      await Promise.all([sweeper.sweep(at24h), sweeper.sweep(at24h)]);
      expect(await reminderKeys(session.id)).toEqual(keysFor(session, 24 * 60, host, guest));
      await waitForMail(catcher, guest, 'Reminder:');
      await waitForMail(catcher, host, 'Reminder:');
      // Already queued: the next sweeps find nothing new and queue nothing (the keys they build
      // are the stored ones, or this would count them again).
      expect((await sweeper.sweep(at24h)).reminderMails).toBe(0);
      expect((await sweeper.sweep(minutesBefore(session.startsAt, 61))).reminderMails).toBe(0);

      const at1h = minutesBefore(session.startsAt, 59);
      expect((await sweeper.sweep(at1h)).reminderMails).toBe(2);
      expect((await sweeper.sweep(at1h)).reminderMails).toBe(0);
      await waitForMail(catcher, guest, 'Reminder:', 2);
      expect((await reminderKeys(session.id)).filter((key) => key.includes(':60:'))).toEqual(
        keysFor(session, 60, host, guest),
      );
      await aMoment();
      expect(mailsTo(catcher, guest, 'Reminder:')).toHaveLength(2);
      expect(mailsTo(catcher, host, 'Reminder:')).toHaveLength(2);
    });

    it('sends no 24-hour reminder for a session booked 10 hours ahead (the booked mail said it), and the 1-hour one when due', async () => {
      const host = await signUp(server.url, { displayName: 'Linus' });
      const guest = await signUp(server.url, { displayName: 'Barbara', timezone: 'Europe/Paris' });
      const session = await bookSlot(
        server,
        guest,
        (await offerSlot(server, host, { startsAt: aStartIn(10 * 60) })).id,
      );
      await waitForMail(catcher, guest, 'Booked:');
      const sweeper = server.app.get(SchedulingSweeper);

      expect((await sweeper.sweep()).reminderMails).toBe(0);
      expect((await sweeper.sweep(minutesBefore(session.startsAt, 61))).reminderMails).toBe(0);
      expect(await reminderKeys(session.id)).toEqual([]);

      await sweeper.sweep(minutesBefore(session.startsAt, 59));
      expect(await reminderKeys(session.id)).toEqual(keysFor(session, 60, host, guest));
      const toGuest = await waitForMail(catcher, guest, 'Reminder:');
      const when = formatInZone(new Date(session.startsAt), 'Europe/Paris');
      expect(toGuest.subject).toMatch(/^Reminder: mock interview with Linus in \d+ hours?, /);
      expect(toGuest.subject!.endsWith(when)).toBe(true);
      expect(toGuest.text).toContain(`${PUBLIC_URL}/sessions/${session.id}`);
      await aMoment();
      expect(mailsTo(catcher, guest, 'Reminder:')).toHaveLength(1);
    });

    it('sends only the nearest reminder when the sweep missed several moments', async () => {
      const host = await signUp(server.url);
      const guest = await signUp(server.url);
      const session = await bookSlot(
        server,
        guest,
        (await offerSlot(server, host, { startsAt: aStartIn(30 * 60) })).id,
      );
      const sweeper = server.app.get(SchedulingSweeper);

      // Nobody swept between the 24-hour and the 1-hour moments: only the 1-hour one goes out.
      expect((await sweeper.sweep(minutesBefore(session.startsAt, 30))).reminderMails).toBe(2);
      expect(await reminderKeys(session.id)).toEqual(keysFor(session, 60, host, guest));
    });

    it('sends no reminder whose moment came before the last accepted move (the moved mail said it)', async () => {
      const host = await signUp(server.url);
      const guest = await signUp(server.url);
      const booked = await bookSlot(
        server,
        guest,
        (await offerSlot(server, host, { startsAt: nextStart() })).id,
      );
      // Booked long ago, so only the move can explain a missing 24-hour reminder.
      await server.dataSource.query(
        `UPDATE sessions SET created_at = now() - interval '5 days', start_agreed_at = now() - interval '5 days' WHERE id = $1`,
        [booked.id],
      );
      const newStart = aStartIn(10 * 60);
      await as(host).post(`/api/sessions/${booked.id}/reschedule`, { startsAt: newStart }).expect(200);
      await as(guest).post(`/api/sessions/${booked.id}/reschedule/respond`, { accept: true }).expect(200);
      const session = { id: booked.id, startsAt: newStart };
      const sweeper = server.app.get(SchedulingSweeper);

      expect((await sweeper.sweep()).reminderMails).toBe(0);
      expect(await reminderKeys(session.id)).toEqual([]);
      await sweeper.sweep(minutesBefore(newStart, 59));
      expect(await reminderKeys(session.id)).toEqual(keysFor(session, 60, host, guest));
    });

    it('skips a reminder whose session moved or was cancelled since it was asked for', async () => {
      const host = await signUp(server.url);
      const guest = await signUp(server.url);
      const session = await bookSlot(
        server,
        guest,
        (await offerSlot(server, host, { startsAt: nextStart() })).id,
      );
      const composer = server.app.get(NoticeMailComposers).reminder;
      const reader = {
        userId: guest.user.id,
        email: guest.user.email,
        displayName: guest.user.displayName,
        timeZone: 'Europe/Berlin',
        locale: null,
        emailVerified: true,
      };
      const asked = { sessionId: session.id, startsAt: session.startsAt, offsetMinutes: 60 };
      const manager = server.dataSource.manager;
      expect(await composer.compose(manager, reader, asked)).toMatchObject({
        subject: expect.stringMatching(/^Reminder:/),
      });

      await as(host)
        .post(`/api/sessions/${session.id}/reschedule`, { startsAt: plusHours(session.startsAt, 1) })
        .expect(200);
      await as(guest).post(`/api/sessions/${session.id}/reschedule/respond`, { accept: true }).expect(200);
      expect(await composer.compose(manager, reader, asked)).toEqual({ skip: 'The session moved since' });

      await as(host).post(`/api/sessions/${session.id}/cancel`, { reason: 'Ill' }).expect(200);
      const movedStart = plusHours(session.startsAt, 1);
      expect(await composer.compose(manager, reader, { ...asked, startsAt: movedStart })).toEqual({
        skip: 'The session is cancelled',
      });
    });
  });

  it('tells the one who came that their partner did not, and nobody else', async () => {
    const host = await signUp(server.url, { displayName: 'Came' });
    const guest = await signUp(server.url, { displayName: 'Stayed Away' });
    const session = await bookSlot(
      server,
      guest,
      (await offerSlot(server, host, { startsAt: nextStart() })).id,
    );
    await server.dataSource.query(
      `UPDATE sessions SET starts_at = $2, ends_at = $2::timestamptz + (ends_at - starts_at) WHERE id = $1`,
      [session.id, new Date(Date.now() - 9 * MINUTE)],
    );
    await as(host).post(`/api/sessions/${session.id}/join`).expect(200);
    await server.app.get(SchedulingSweeper).sweep(new Date(Date.now() + 2 * MINUTE));

    const mail = await waitForMail(catcher, host, 'Stayed Away did not come:');
    expect(mail.text).toContain('Stayed Away did not join your mock interview on');
    expect(mail.text).toContain(`${PUBLIC_URL}/practice`);
    await aMoment();
    expect(mailsTo(catcher, guest, 'Came did not come')).toHaveLength(0);
    expect(catcher.messages.filter((each) => (each.subject ?? '').includes('did not come'))).toHaveLength(1);
  });

  describe('feedback ready', () => {
    const feedbackRows = async (sessionId: string): Promise<{ user_id: string; dedupe_key: string }[]> =>
      server.dataSource.query(
        `SELECT user_id, dedupe_key FROM outgoing_mail WHERE kind = 'feedback_ready' AND data->>'sessionId' = $1 ORDER BY dedupe_key`,
        [sessionId],
      );

    it('reveals due feedback nobody opened and mails its subject once, linking to the scorecard', async () => {
      const past = await aPastSession(server, {
        host: await signUp(server.url, { displayName: 'Interviewer Ida' }),
        startedHoursAgo: 2,
      });
      await putScorecard(server, past.host, past.id, 1, aScorecard());
      const sweeper = server.app.get(RevealSweeper);

      await sweeper.sweep();
      expect(await feedbackRows(past.id)).toEqual([]);

      await endSessionHoursAgo(server, past.id, 25);
      await Promise.all([sweeper.sweep(), sweeper.sweep()]);
      const [card] = (await server.dataSource.query(
        `SELECT revealed_at FROM scorecards WHERE session_id = $1 AND round = 1 AND kind = 'interviewer'`,
        [past.id],
      )) as { revealed_at: Date | null }[];
      expect(card?.revealed_at).not.toBeNull();

      const mail = await waitForMail(catcher, past.guest, 'Feedback ready:');
      expect(mail.subject).toMatch(/^Feedback ready: Interviewer Ida's scorecard from your mock interview, /);
      const scorecardUrl = `${PUBLIC_URL}/sessions/${past.id}/rounds/1/score`;
      expect(mail.text).toContain(scorecardUrl);
      expect(mail.html).toContain(`href="${scorecardUrl}"`);
      await sweeper.sweep();
      expect(await feedbackRows(past.id)).toEqual([
        { user_id: past.guest.user.id, dedupe_key: `feedback_ready:${past.id}:1:${past.guest.user.id}` },
      ]);
      await aMoment();
      expect(mailsTo(catcher, past.guest, 'Feedback ready:')).toHaveLength(1);
      expect(mailsTo(catcher, past.host, 'Feedback ready:')).toHaveLength(0);
    });

    it('mails both when the second submission reveals both scorecards', async () => {
      const past = await aPastSession(server, { startedHoursAgo: 2 });
      await putScorecard(server, past.host, past.id, 1, aScorecard());
      await putScorecard(server, past.guest, past.id, 2, aScorecard());

      await waitForMail(catcher, past.guest, 'Feedback ready:');
      await waitForMail(catcher, past.host, 'Feedback ready:');
      expect((await feedbackRows(past.id)).map((row) => row.dedupe_key)).toEqual(
        [
          `feedback_ready:${past.id}:1:${past.guest.user.id}`,
          `feedback_ready:${past.id}:2:${past.host.user.id}`,
        ].sort(),
      );
      expect(mailsTo(catcher, past.host, 'Feedback ready:')[0]!.text).toContain(
        `${PUBLIC_URL}/sessions/${past.id}/rounds/2/score`,
      );
    });
  });
});

function plusHours(instant: string, hours: number): string {
  return new Date(new Date(instant).getTime() + hours * 60 * MINUTE).toISOString();
}
