import type {
  BlockListResponse,
  MatchRequest,
  MatchRequestCreate,
  SlotListResponse,
} from '@mockboard/contracts';
import type { SignedUpUser } from './support/factories';
import { aStart, asUser, offerSlot, signUpMany } from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

// One server for the file: each test works on users of its own.
let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

const as = (user: SignedUpUser) => asUser(server, user);
const block = (blocker: SignedUpUser, blocked: SignedUpUser) =>
  as(blocker).post('/api/blocks', { userId: blocked.user.id }).expect(201);
const unblock = (blocker: SignedUpUser, blocked: SignedUpUser) =>
  as(blocker).delete(`/api/blocks/${blocked.user.id}`).expect(204);
const slotIdsSeenBy = async (viewer: SignedUpUser): Promise<string[]> =>
  ((await as(viewer).get('/api/slots').expect(200)).body as SlotListResponse).slots.map((slot) => slot.id);
const requestMatch = async (user: SignedUpUser, body: MatchRequestCreate): Promise<MatchRequest> =>
  (await as(user).post('/api/match-requests', body).expect(201)).body as MatchRequest;

// Every test gets its own day (and every practice-now test its own duration): queues stay apart.
let days = 0;
const nextStart = () => aStart({ daysAhead: ++days });

describe('blocks', () => {
  it('lists the people you blocked with their names, latest first, until you unblock them', async () => {
    const [me, first, second] = await signUpMany(server, 3);
    await block(me, first);
    await block(me, second);
    // Blocking twice keeps one block.
    await block(me, second);
    const list = (await as(me).get('/api/blocks').expect(200)).body as BlockListResponse;
    expect(list.blocks.map((entry) => entry.displayName)).toEqual([
      second.user.displayName,
      first.user.displayName,
    ]);
    await unblock(me, second);
    const after = (await as(me).get('/api/blocks').expect(200)).body as BlockListResponse;
    expect(after.blocks.map((entry) => entry.userId)).toEqual([first.user.id]);
    // The blocked person's own list is untouched: a block is not announced to them.
    expect(((await as(first).get('/api/blocks').expect(200)).body as BlockListResponse).blocks).toEqual([]);
  });

  it('refuses to block yourself, an unknown user or a malformed id, and to unblock someone not blocked', async () => {
    const [me, other] = await signUpMany(server, 2);
    const self = await as(me).post('/api/blocks', { userId: me.user.id }).expect(400);
    expect(self.body.fields).toEqual([{ field: 'userId', message: 'is you; you cannot block yourself' }]);
    const unknown = await as(me)
      .post('/api/blocks', { userId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    expect(unknown.body.message).toBe('No user with this id');
    const malformed = await as(me).post('/api/blocks', { userId: 'nobody' }).expect(400);
    expect(malformed.body.fields).toEqual([{ field: 'userId', message: 'must be a user id' }]);
    await as(me).delete(`/api/blocks/${other.user.id}`).expect(404);
    await as(me).delete('/api/blocks/not-a-uuid').expect(404);
  });

  it('hides each one’s open slots from the other, both ways, refuses the booking, and unblocking restores both', async () => {
    const [blocker, blocked, bystander] = await signUpMany(server, 3);
    const blockersSlot = await offerSlot(server, blocker, { startsAt: nextStart() });
    const blockedsSlot = await offerSlot(server, blocked, { startsAt: nextStart() });
    await block(blocker, blocked);

    expect(await slotIdsSeenBy(blocked)).not.toContain(blockersSlot.id);
    expect(await slotIdsSeenBy(blocker)).not.toContain(blockedsSlot.id);
    expect(await slotIdsSeenBy(bystander)).toEqual(
      expect.arrayContaining([blockersSlot.id, blockedsSlot.id]),
    );
    // As if the slot were not there, whichever of the two tries.
    const refused = await as(blocked).post(`/api/slots/${blockersSlot.id}/book`).expect(404);
    expect(refused.body.message).toBe('No open slot with this id');
    await as(blocker).post(`/api/slots/${blockedsSlot.id}/book`).expect(404);

    await unblock(blocker, blocked);
    expect(await slotIdsSeenBy(blocked)).toContain(blockersSlot.id);
    expect(await slotIdsSeenBy(blocker)).toContain(blockedsSlot.id);
    await as(blocked).post(`/api/slots/${blockersSlot.id}/book`).expect(201);
  });

  it('never matches a blocked pair for a scheduled start, whoever blocked whom; others still match', async () => {
    const [blocker, blocked, bystander] = await signUpMany(server, 3);
    await block(blocker, blocked);
    const startsAt = nextStart();
    const first = await requestMatch(blocked, { startsAt });
    const second = await requestMatch(blocker, { startsAt });
    expect([first.status, second.status]).toEqual(['pending', 'pending']);
    // Someone else who wants the same start is paired with the one who waited longest.
    const third = await requestMatch(bystander, { startsAt });
    expect(third.status).toBe('matched');
  });

  it('never pairs a blocked pair for practice now, in either direction of the block', async () => {
    const [blocker, blocked] = await signUpMany(server, 2);
    await block(blocked, blocker);
    const waiting = await requestMatch(blocker, { startsAt: 'now', durationMinutes: 45 });
    const second = await requestMatch(blocked, { startsAt: 'now', durationMinutes: 45 });
    expect([waiting.status, second.status]).toEqual(['pending', 'pending']);

    // Without the block the same two requests pair at once.
    await as(blocker).delete(`/api/match-requests/${waiting.id}`).expect(204);
    await as(blocked).delete(`/api/match-requests/${second.id}`).expect(204);
    await unblock(blocked, blocker);
    await requestMatch(blocker, { startsAt: 'now', durationMinutes: 45 });
    expect((await requestMatch(blocked, { startsAt: 'now', durationMinutes: 45 })).status).toBe('matched');
  });
});
