import { randomUUID } from 'node:crypto';
import {
  SlotListResponseSchema,
  type OpenSlot,
  type Session,
  type SessionListResponse,
  type Slot,
  type SlotListResponse,
} from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import {
  PARTNER_FIELDS,
  aStart,
  asUser,
  bookSlot,
  expectNoEmails,
  offerSlot,
  plusMinutes,
  signUpMany,
  sqlStateOf,
} from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

const OPEN_SLOT_FIELDS = [
  'durationMinutes',
  'endsAt',
  'format',
  'host',
  'hostRole',
  'id',
  'level',
  'promptId',
  'startsAt',
];

describe('slots: offer, list, withdraw, book', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  const listAs = async (user: SignedUpUser, query = ''): Promise<OpenSlot[]> =>
    ((await as(user).get(`/api/slots${query}`).expect(200)).body as SlotListResponse).slots;
  const statusCounts = (responses: { status: number }[]) =>
    responses.reduce<Record<number, number>>(
      (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
      {},
    );
  const between = (from: string, to: string) =>
    `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  describe('offering', () => {
    it('answers 201 with the open slot, its host and the default 90-minute swap', async () => {
      const host = await signUp(server.url);
      const startsAt = aStart({ daysAhead: 2, hour: 18, minute: 30 });
      const response = await as(host).post('/api/slots', { startsAt }).expect(201);
      const slot = response.body as Slot;
      expect(slot).toMatchObject({
        startsAt,
        endsAt: plusMinutes(startsAt, 90),
        durationMinutes: 90,
        format: 'swap',
        hostRole: 'interviewer',
        promptId: null,
        level: null,
        status: 'open',
        sessionId: null,
        host: {
          id: host.user.id,
          displayName: host.user.displayName,
          targetLevel: null, // the host chose no level at sign-up
          reliability: { sessionsCompleted: 0, lateCancellations: 0, noShows: 0 },
        },
      });
      expect(Object.keys(slot.host).sort()).toEqual(PARTNER_FIELDS);
    });

    it('gives a single-round slot 60 minutes by default, and keeps its level, prompt and host role', async () => {
      const host = await signUp(server.url);
      const slot = await offerSlot(server, host, {
        format: 'single',
        level: 'senior',
        promptId: 'url-shortener',
        hostRole: 'candidate',
      });
      expect(slot).toMatchObject({
        format: 'single',
        durationMinutes: 60,
        level: 'senior',
        promptId: 'url-shortener',
        hostRole: 'candidate',
      });
    });

    it('accepts durations that are multiples of 15 from 30 to 180 minutes', async () => {
      const host = await signUp(server.url);
      for (const [day, durationMinutes] of [30, 45, 180].entries()) {
        const slot = await offerSlot(server, host, {
          startsAt: aStart({ daysAhead: day + 1 }),
          durationMinutes,
        });
        expect(slot.durationMinutes).toBe(durationMinutes);
        expect(new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime()).toBe(
          durationMinutes * 60_000,
        );
      }
    });

    it.each([
      [50, 'must be a multiple of 15 minutes'],
      [15, 'must be at least 30 minutes'],
      [195, 'must be at most 180 minutes'],
    ])('refuses a duration of %i minutes with 400: %s', async (durationMinutes, message) => {
      const host = await signUp(server.url);
      const response = await as(host).post('/api/slots', { startsAt: aStart(), durationMinutes }).expect(400);
      expect(response.body.fields).toEqual([{ field: 'durationMinutes', message }]);
    });

    it.each([
      ['off the quarter hour', () => aStart({ hour: 10, minute: 10 }), /quarter hour/],
      ['with seconds', () => plusMinutes(aStart(), 0.5), /quarter hour/],
      ['in the past', () => aStart({ daysAhead: -1 }), /at least 5 minutes from now/],
      ['more than 60 days ahead', () => aStart({ daysAhead: 61 }), /at most 60 days from now/],
      ['not a date', () => 'tomorrow at ten', /ISO 8601/],
    ])('refuses a start %s with 400 naming startsAt', async (_case, startsAt, message) => {
      const host = await signUp(server.url);
      const response = await as(host).post('/api/slots', { startsAt: startsAt() }).expect(400);
      expect(response.body.fields).toEqual([{ field: 'startsAt', message: expect.stringMatching(message) }]);
      expect(await listAs(host, '?mine=true')).toEqual([]);
    });

    it('refuses a prompt that is not in the library with 400 naming promptId', async () => {
      const host = await signUp(server.url);
      const response = await as(host)
        .post('/api/slots', { startsAt: aStart(), promptId: 'no-such-prompt' })
        .expect(400);
      expect(response.body.fields).toEqual([
        { field: 'promptId', message: '"no-such-prompt" is not a prompt in the library' },
      ]);
    });

    it('refuses a second slot overlapping one of your own with 409, but allows back-to-back slots', async () => {
      const host = await signUp(server.url);
      const first = await offerSlot(server, host, { startsAt: aStart({ hour: 10 }) });
      const overlapping = await as(host)
        .post('/api/slots', { startsAt: plusMinutes(first.startsAt, 45) })
        .expect(409);
      expect(overlapping.body.message).toMatch(/overlaps .* you already have; pick another time/);
      await offerSlot(server, host, { startsAt: first.endsAt });
      // Another user is free to offer the very same time.
      await offerSlot(server, await signUp(server.url), { startsAt: first.startsAt });
    });

    it('keeps exactly one of 10 simultaneous overlapping offers by one user', async () => {
      const host = await signUp(server.url);
      const base = aStart({ daysAhead: 3, hour: 9 });
      // Three-hour slots a quarter hour apart: every pair of the ten overlaps.
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          as(host).post('/api/slots', { startsAt: plusMinutes(base, 15 * i), durationMinutes: 180 }),
        ),
      );
      expect(statusCounts(responses)).toEqual({ 201: 1, 409: 9 });
      expect(await listAs(host, '?mine=true')).toHaveLength(1);
    });
  });

  describe('listing', () => {
    it("shows others' open slots, never your own unless you ask for mine=true", async () => {
      const [host, viewer] = await signUpMany(server, 2);
      const hosted = await offerSlot(server, host);
      const own = await offerSlot(server, viewer);

      const seenByViewer = await listAs(viewer);
      expect(seenByViewer.map((slot) => slot.id)).toContain(hosted.id);
      expect(seenByViewer.some((slot) => slot.host.id === viewer.user.id)).toBe(false);

      const mine = await listAs(viewer, '?mine=true');
      expect(mine.map((slot) => slot.id)).toEqual([own.id]);
    });

    it('lists slots starting in [from, to), soonest first', async () => {
      const [host, viewer] = await signUpMany(server, 2);
      const early = await offerSlot(server, host, { startsAt: aStart({ daysAhead: 20, hour: 8 }) });
      const late = await offerSlot(server, host, { startsAt: aStart({ daysAhead: 20, hour: 12 }) });
      const outside = await offerSlot(server, host, { startsAt: aStart({ daysAhead: 22 }) });

      const ids = (slots: OpenSlot[]) =>
        slots.filter((slot) => slot.host.id === host.user.id).map((slot) => slot.id);
      expect(ids(await listAs(viewer, between(early.startsAt, outside.startsAt)))).toEqual([
        early.id,
        late.id,
      ]);
      expect(ids(await listAs(viewer, between(plusMinutes(early.startsAt, 15), late.startsAt)))).toEqual([]);
      expect(ids(await listAs(viewer, between(late.startsAt, plusMinutes(outside.startsAt, 15))))).toEqual([
        late.id,
        outside.id,
      ]);
    });

    it('filters by level', async () => {
      const [host, viewer] = await signUpMany(server, 2);
      const senior = await offerSlot(server, host, {
        startsAt: aStart({ daysAhead: 4, hour: 8 }),
        level: 'senior',
      });
      const junior = await offerSlot(server, host, {
        startsAt: aStart({ daysAhead: 4, hour: 12 }),
        level: 'junior',
      });
      const listed = await listAs(viewer, '?level=senior');
      expect(listed.map((slot) => slot.id)).toContain(senior.id);
      expect(listed.map((slot) => slot.id)).not.toContain(junior.id);
      expect(listed.every((slot) => slot.level === 'senior')).toBe(true);
    });

    it('refuses a window that ends before it starts, or is longer than 62 days, with 400 naming to', async () => {
      const viewer = await signUp(server.url);
      const from = aStart({ daysAhead: 1 });
      const backwards = await as(viewer)
        .get(`/api/slots${between(from, plusMinutes(from, -60))}`)
        .expect(400);
      expect(backwards.body.fields).toEqual([{ field: 'to', message: 'must be after from' }]);
      const empty = await as(viewer)
        .get(`/api/slots${between(from, from)}`)
        .expect(400);
      expect(empty.body.fields[0].field).toBe('to');

      const tooLong = await as(viewer)
        .get(`/api/slots${between(from, plusMinutes(from, 63 * 24 * 60))}`)
        .expect(400);
      expect(tooLong.body.fields).toEqual([{ field: 'to', message: 'must be at most 62 days after from' }]);
      await as(viewer)
        .get(`/api/slots${between(from, plusMinutes(from, 62 * 24 * 60))}`)
        .expect(200);
    });

    it('refuses an unknown level or query field with 400 naming it', async () => {
      const viewer = await signUp(server.url);
      expect((await as(viewer).get('/api/slots?level=principal').expect(400)).body.fields[0].field).toBe(
        'level',
      );
      expect((await as(viewer).get('/api/slots?host=me').expect(400)).body.fields).toEqual([
        { field: 'host', message: 'is not an accepted field' },
      ]);
    });

    it('stops listing a slot once it is booked or withdrawn', async () => {
      const [host, booker, viewer] = await signUpMany(server, 3);
      const booked = await offerSlot(server, host, { startsAt: aStart({ daysAhead: 5, hour: 8 }) });
      const withdrawn = await offerSlot(server, host, { startsAt: aStart({ daysAhead: 5, hour: 12 }) });
      const listedIds = async () => (await listAs(viewer)).map((slot) => slot.id);
      expect(await listedIds()).toEqual(expect.arrayContaining([booked.id, withdrawn.id]));

      await bookSlot(server, booker, booked.id);
      await as(host).delete(`/api/slots/${withdrawn.id}`).expect(204);

      expect(await listedIds()).not.toContain(booked.id);
      expect(await listedIds()).not.toContain(withdrawn.id);
      expect(await listAs(host, '?mine=true')).toEqual([]);
    });

    it("shows each host's name, level and reliability, never the email", async () => {
      const [host, viewer] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host);
      const response = await as(viewer).get('/api/slots').expect(200);
      const listed = (response.body as SlotListResponse).slots.find((candidate) => candidate.id === slot.id)!;
      expect(listed.host).toEqual({
        id: host.user.id,
        displayName: host.user.displayName,
        targetLevel: host.user.targetLevel,
        reliability: { sessionsCompleted: 0, lateCancellations: 0, noShows: 0 },
      });
      for (const each of (response.body as SlotListResponse).slots) {
        expect(Object.keys(each.host).sort()).toEqual(PARTNER_FIELDS);
      }
      expectNoEmails(response.body, host, viewer);
    });

    it('lists each slot with what the week view shows, not its status, session or creation time', async () => {
      const [host, viewer] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host, {
        format: 'single',
        level: 'senior',
        hostRole: 'candidate',
      });
      const listed = (await listAs(viewer)).find((candidate) => candidate.id === slot.id)!;
      const { status, sessionId, createdAt, ...shown } = slot;
      expect({ status, sessionId, createdAt }).toEqual({
        status: 'open',
        sessionId: null,
        createdAt: expect.any(String),
      });
      expect(listed).toEqual(shown);
      expect(await listAs(host, '?mine=true')).toEqual([shown]);
    });

    it('answers JSON that the contract parses, with the counts kept on the host’s row', async () => {
      const [host, viewer] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host, { startsAt: aStart({ daysAhead: 3, hour: 7, minute: 45 }) });
      await server.dataSource.query(
        `UPDATE users SET sessions_completed = 4, late_cancellations = 2, no_shows = 1 WHERE id = $1`,
        [host.user.id],
      );
      const response = await as(viewer).get('/api/slots').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const parsed = SlotListResponseSchema.parse(JSON.parse(response.text));
      const listed = parsed.slots.find((candidate) => candidate.id === slot.id)!;
      expect(listed.host.reliability).toEqual({ sessionsCompleted: 4, lateCancellations: 2, noShows: 1 });
      expect(listed.startsAt).toBe(slot.startsAt);
      for (const each of parsed.slots) expect(Object.keys(each).sort()).toEqual(OPEN_SLOT_FIELDS);

      const empty = await as(viewer).get(`/api/slots?mine=true`).expect(200);
      expect(JSON.parse(empty.text)).toEqual({ slots: [] });
    });
  });

  describe('withdrawing', () => {
    it('withdraws your own open slot with 204 and frees the time for a new offer', async () => {
      const host = await signUp(server.url);
      const slot = await offerSlot(server, host);
      await as(host).delete(`/api/slots/${slot.id}`).expect(204);
      const again = await offerSlot(server, host, { startsAt: slot.startsAt });
      expect(again.id).not.toBe(slot.id);
    });

    it("answers 404 for another user's slot, an unknown id or a malformed id, and leaves the slot open", async () => {
      const [host, stranger] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host);
      const theirs = await as(stranger).delete(`/api/slots/${slot.id}`).expect(404);
      const unknown = await as(stranger).delete(`/api/slots/${randomUUID()}`).expect(404);
      await as(stranger).delete('/api/slots/not-a-uuid').expect(404);
      expect(theirs.body).toEqual(unknown.body);
      expect((await listAs(host, '?mine=true')).map((mine) => mine.id)).toEqual([slot.id]);
    });

    it('refuses to withdraw a booked slot or a withdrawn one with 409', async () => {
      const [host, booker] = await signUpMany(server, 2);
      const booked = await offerSlot(server, host, { startsAt: aStart({ hour: 8 }) });
      await bookSlot(server, booker, booked.id);
      const response = await as(host).delete(`/api/slots/${booked.id}`).expect(409);
      expect(response.body.message).toBe('This slot is already booked');

      const withdrawn = await offerSlot(server, host, { startsAt: aStart({ hour: 14 }) });
      await as(host).delete(`/api/slots/${withdrawn.id}`).expect(204);
      await as(host).delete(`/api/slots/${withdrawn.id}`).expect(409);
    });
  });

  describe('booking', () => {
    it('answers 201 with a swap session of two rounds, roles swapped, at the slot time', async () => {
      const [host, guest] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host, { promptId: 'rate-limiter' });
      const response = await as(guest).post(`/api/slots/${slot.id}/book`).expect(201);
      const session = response.body as Session;
      expect(session).toMatchObject({
        kind: 'peer',
        format: 'swap',
        status: 'scheduled',
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        durationMinutes: 90,
        cancellation: null,
        pendingReschedule: null,
        roomUrl: `/sessions/${session.id}/room`,
      });
      expect(session.participants.map((participant) => participant.id).sort()).toEqual(
        [host.user.id, guest.user.id].sort(),
      );
      expect(session.rounds).toEqual([
        {
          number: 1,
          interviewerId: host.user.id,
          candidateId: guest.user.id,
          promptId: 'rate-limiter',
          promptTitle: expect.any(String),
        },
        {
          number: 2,
          interviewerId: guest.user.id,
          candidateId: host.user.id,
          promptId: null,
          promptTitle: null,
        },
      ]);
    });

    it('lets the booker interview first in a swap slot whose host asked to be the candidate', async () => {
      const [host, guest] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host, { hostRole: 'candidate' });
      const session = await bookSlot(server, guest, slot.id);
      expect(session.rounds.map((round) => [round.interviewerId, round.candidateId])).toEqual([
        [guest.user.id, host.user.id],
        [host.user.id, guest.user.id],
      ]);
    });

    it.each([
      ['interviewer', 'host'],
      ['candidate', 'guest'],
    ] as const)(
      'gives a single slot one round: a host who plays %s has the %s interview',
      async (hostRole, interviewer) => {
        const [host, guest] = await signUpMany(server, 2);
        const slot = await offerSlot(server, host, { format: 'single', hostRole });
        const session = await bookSlot(server, guest, slot.id);
        const people = { host: host.user.id, guest: guest.user.id };
        const candidate = interviewer === 'host' ? 'guest' : 'host';
        expect(session.format).toBe('single');
        expect(session.durationMinutes).toBe(60);
        expect(session.rounds).toEqual([
          expect.objectContaining({
            number: 1,
            interviewerId: people[interviewer],
            candidateId: people[candidate],
          }),
        ]);
      },
    );

    it('refuses to let you book your own slot', async () => {
      const host = await signUp(server.url);
      const slot = await offerSlot(server, host);
      const response = await as(host).post(`/api/slots/${slot.id}/book`).expect(400);
      expect(response.body.message).toMatch(/your own slot/);
      expect((await listAs(host, '?mine=true')).map((mine) => mine.id)).toEqual([slot.id]);
    });

    it('answers 404 for a withdrawn, unknown or malformed slot id', async () => {
      const [host, booker] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host);
      await as(host).delete(`/api/slots/${slot.id}`).expect(204);
      await as(booker).post(`/api/slots/${slot.id}/book`).expect(404);
      await as(booker).post(`/api/slots/${randomUUID()}/book`).expect(404);
      await as(booker).post('/api/slots/42/book').expect(404);
    });

    it('refuses with 409 a slot whose start has passed while it was open', async () => {
      const [host, booker] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host);
      await server.dataSource.query(
        `UPDATE slots SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '80 minutes'
         WHERE id = $1`,
        [slot.id],
      );
      const response = await as(booker).post(`/api/slots/${slot.id}/book`).expect(409);
      expect(response.body.message).toBe('This slot has already started');
    });

    it('gives the slot to exactly one of 100 simultaneous bookers', async () => {
      const host = await signUp(server.url);
      const bookers = await signUpMany(server, 100);
      const slot = await offerSlot(server, host);

      const responses = await Promise.all(
        bookers.map((booker) => as(booker).post(`/api/slots/${slot.id}/book`)),
      );

      expect(statusCounts(responses)).toEqual({ 201: 1, 409: 99 });
      const won = responses.filter((response) => response.status === 201);
      const lost = responses.filter((response) => response.status === 409);
      for (const response of lost) {
        expect(response.body.message).toBe('Someone else booked this slot just before you');
      }
      const winner = bookers[responses.indexOf(won[0]!)]!;
      const session = won[0]!.body as Session;

      for (const participant of [winner, host]) {
        const { upcoming } = (await as(participant).get('/api/sessions').expect(200))
          .body as SessionListResponse;
        expect(upcoming.map((each) => each.id)).toEqual([session.id]);
      }
      const [{ count }] = await server.dataSource.query(
        `SELECT count(*)::int AS count FROM session_participants p JOIN sessions s ON s.id = p.session_id
         WHERE p.user_id = $1`,
        [host.user.id],
      );
      expect(count).toBe(1);
      const aLoser = bookers.find((booker) => booker !== winner)!;
      expect(
        ((await as(aLoser).get('/api/sessions').expect(200)).body as SessionListResponse).upcoming,
      ).toEqual([]);
    });
    it('settles a withdrawal racing a booking one way or the other, never both', async () => {
      const [host, booker] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host);
      const [withdrawal, booking] = await Promise.all([
        as(host).delete(`/api/slots/${slot.id}`),
        as(booker).post(`/api/slots/${slot.id}/book`),
      ]);
      expect([
        [204, 404],
        [409, 201],
      ]).toContainEqual([withdrawal.status, booking.status]);
      const { upcoming } = (await as(host).get('/api/sessions').expect(200)).body as SessionListResponse;
      expect(upcoming).toHaveLength(booking.status === 201 ? 1 : 0);
    });
  });

  describe('the database forbids overlapping commitments, whatever the timing', () => {
    it('refuses a booking that overlaps an open slot of the booker with 409 and leaves the slot open', async () => {
      const [host, booker, viewer] = await signUpMany(server, 3);
      const slot = await offerSlot(server, host, { startsAt: aStart({ hour: 10 }) });
      await offerSlot(server, booker, { startsAt: plusMinutes(slot.startsAt, 60) });

      const response = await as(booker).post(`/api/slots/${slot.id}/book`).expect(409);
      expect(response.body.message).toBe(
        'You already have a session, open slot or match request at that time',
      );
      expect((await listAs(viewer)).map((listed) => listed.id)).toContain(slot.id);
      expect(
        ((await as(host).get('/api/sessions').expect(200)).body as SessionListResponse).upcoming,
      ).toEqual([]);
    });

    it('refuses a booking or an offer that overlaps a session of the user with 409', async () => {
      const [firstHost, secondHost, booker] = await signUpMany(server, 3);
      const first = await offerSlot(server, firstHost, { startsAt: aStart({ hour: 10 }) });
      const second = await offerSlot(server, secondHost, { startsAt: aStart({ hour: 11 }) });
      await bookSlot(server, booker, first.id);
      await as(booker).post(`/api/slots/${second.id}/book`).expect(409);
      await as(booker)
        .post('/api/slots', { startsAt: plusMinutes(first.startsAt, -30) })
        .expect(409);
    });

    it('gives one booker at most one of many overlapping slots booked at once', async () => {
      const hosts = await signUpMany(server, 8);
      const booker = await signUp(server.url);
      const base = aStart({ daysAhead: 6, hour: 9 });
      const slots = await Promise.all(
        hosts.map((host, i) =>
          offerSlot(server, host, { startsAt: plusMinutes(base, 15 * i), durationMinutes: 180 }),
        ),
      );
      const responses = await Promise.all(slots.map((slot) => as(booker).post(`/api/slots/${slot.id}/book`)));
      expect(statusCounts(responses)).toEqual({ 201: 1, 409: 7 });
      expect((await as(booker).get('/api/sessions').expect(200)).body.upcoming).toHaveLength(1);
    });

    it('refuses overlapping calendar rows of one user with SQLSTATE 23P01, even written directly', async () => {
      const [host, other] = await signUpMany(server, 2);
      const slot = await offerSlot(server, host, { startsAt: aStart({ hour: 10 }) });
      const insertEntry = (userId: string, start: string, end: string) =>
        server.dataSource.query(
          `INSERT INTO calendar_entries (user_id, period, slot_id) VALUES ($1, tstzrange($2, $3, '[)'), $4)`,
          [userId, start, end, slot.id],
        );

      const error = await insertEntry(
        host.user.id,
        plusMinutes(slot.startsAt, 30),
        plusMinutes(slot.endsAt, 30),
      ).then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(sqlStateOf(error)).toBe('23P01');

      // Periods are half-open, so touching periods do not overlap; other users are unaffected.
      await insertEntry(host.user.id, slot.endsAt, plusMinutes(slot.endsAt, 60));
      await insertEntry(other.user.id, slot.startsAt, slot.endsAt);
    });
  });
});
