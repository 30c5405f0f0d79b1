import type { Socket } from 'socket.io-client';
import request from 'supertest';
import type { JoinAck, PromptChosenEvent, RoundPromptView, SessionState } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { aLiveSession, aRectangle, call, connect, soonStart } from './support/room-client';
import { startTestApp, type TestApp } from './support/test-app';

const ADMIN_EMAIL = 'prompt-choice-admin@example.test';
const SECOND_ADMIN_EMAIL = 'prompt-choice-admin-2@example.test';
const PRACTISING_ADMIN_EMAIL = 'prompt-choice-admin-3@example.test';

/** A round booked without a prompt gets one from its interviewer while the room is open. */
describe('choosing a round’s prompt while the room is open', () => {
  let server: TestApp;
  let host: SignedUpUser;
  let guest: SignedUpUser;
  let sessionId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestApp({
      ADMIN_EMAILS: `${ADMIN_EMAIL},${SECOND_ADMIN_EMAIL},${PRACTISING_ADMIN_EMAIL}`,
    });
  });
  beforeEach(async () => {
    host = await signUp(server.url);
    guest = await signUp(server.url);
    sessionId = (await aLiveSession(server.url, host, guest, { promptId: undefined })).id;
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));
  afterAll(() => server?.close());

  async function joined(user: SignedUpUser, session = sessionId): Promise<{ socket: Socket; ack: JoinAck }> {
    const socket = await connect(server.url, user);
    sockets.push(socket);
    const ack = await call<JoinAck>(socket, 'session:join', { sessionId: session });
    expect(ack).toMatchObject({ ok: true });
    return { socket, ack };
  }

  /** Every round:prompt-chosen the socket receives from now on. */
  function overheard(socket: Socket): PromptChosenEvent[] {
    const heard: PromptChosenEvent[] = [];
    socket.on('round:prompt-chosen', (event: PromptChosenEvent) => heard.push(event));
    return heard;
  }

  const choose = (user: SignedUpUser, promptId: string, round = 1, session = sessionId) =>
    request(server.url)
      .put(`/api/sessions/${session}/rounds/${round}/prompt`)
      .set(user.bearer)
      .send({ promptId });
  /** The round's prompt as `user`'s role may see it. */
  const promptOf = (user: SignedUpUser, round = 1, session = sessionId) =>
    request(server.url).get(`/api/sessions/${session}/rounds/${round}/prompt`).set(user.bearer);

  it('tells everyone in the room, and a join then brings the prompt as each role may see it', async () => {
    const interviewer = await joined(host);
    const candidate = await joined(guest);
    const admin = await signUp(server.url, { email: ADMIN_EMAIL });
    const observer = await joined(admin);
    expect(interviewer.ack.prompt).toBeNull();
    expect(candidate.ack.prompt).toBeNull();
    // Someone in another session's room hears nothing of this one.
    const [otherHost, otherGuest] = [await signUp(server.url), await signUp(server.url)];
    const otherSession = (await aLiveSession(server.url, otherHost, otherGuest)).id;
    const elsewhere = await joined(otherHost, otherSession);
    const strayHeard = overheard(elsewhere.socket);

    const heard = [interviewer, candidate, observer].map(
      ({ socket }) =>
        new Promise<PromptChosenEvent>((resolve) => socket.once('round:prompt-chosen', resolve)),
    );
    await choose(host, 'chat-app').expect(200);
    for (const event of await Promise.all(heard))
      expect(event).toEqual({ sessionId, round: 1, promptId: 'chat-app' });

    // Each fetches it as their role may see it: the guide is the interviewer's (and an admin's).
    const forCandidate = (await promptOf(guest).expect(200)).body as RoundPromptView;
    expect(forCandidate.prompt).toMatchObject({ id: 'chat-app' });
    expect(forCandidate.prompt?.problemStatement).toBeTruthy();
    expect(forCandidate.prompt?.guide).toBeNull();
    const forInterviewer = (await promptOf(host).expect(200)).body as RoundPromptView;
    expect(forInterviewer.prompt).toMatchObject({ id: 'chat-app' });
    expect(forInterviewer.prompt?.guide).toBeTruthy();
    expect(forInterviewer.prompt?.timePlan.length).toBeGreaterThan(0);
    expect((await promptOf(admin).expect(200)).body.prompt.guide).toBeTruthy();
    // Round 2 has none yet; there is no round 3; a stranger learns nothing.
    expect((await promptOf(host, 2).expect(200)).body).toEqual({ prompt: null });
    await promptOf(host, 3).expect(404);
    await promptOf(await signUp(server.url)).expect(404);
    // A join's answer agrees.
    const rejoined = await call<JoinAck>(candidate.socket, 'session:join', { sessionId });
    expect(rejoined.prompt).toMatchObject({ id: 'chat-app', guide: null });

    // The other room's next event arrives after anything this choice could have sent it.
    const later = new Promise((resolve) => elsewhere.socket.once('presence', resolve));
    await joined(otherGuest, otherSession);
    await later;
    expect(strayHeard).toEqual([]);
  });

  it('starts the round’s clock with its first prompt, and not again with a later one', async () => {
    const interviewer = await joined(host);
    const candidate = await joined(guest);
    const waitedFrom = Date.parse((interviewer.ack as { state: SessionState }).state.phaseStartedAt);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // The state comes first, so a prompt's plan never shows against the time spent waiting.
    const heard: string[] = [];
    const states: SessionState[] = [];
    candidate.socket.on('session:state', (state: SessionState) => {
      heard.push('state');
      states.push(state);
    });
    const prompted = new Promise((resolve) =>
      candidate.socket.once('round:prompt-chosen', () => resolve(heard.push('prompt'))),
    );

    await choose(host, 'url-shortener').expect(200);
    await prompted;
    expect(heard).toEqual(['state', 'prompt']);
    const plan = ((await promptOf(host)).body as RoundPromptView).prompt!.timePlan;
    expect(states[0]).toMatchObject({ round: 1, phase: plan[0]!.phase });
    expect(Date.parse(states[0]!.phaseStartedAt)).toBeGreaterThanOrEqual(waitedFrom + 1_000);

    // Another prompt later is not a start: the clock runs on.
    const changed = new Promise((resolve) => candidate.socket.once('round:prompt-chosen', resolve));
    await choose(host, 'chat-app').expect(200);
    await changed;
    const rejoined = await call<JoinAck>(candidate.socket, 'session:join', { sessionId });
    expect((rejoined as { state: SessionState }).state.phaseStartedAt).toBe(states[0]!.phaseStartedAt);
    expect(states).toHaveLength(1);
  });

  it('leaves the clock alone when the interview moved on before the prompt came', async () => {
    const interviewer = await joined(host);
    const moved = await call<{ ok: true; state: SessionState }>(interviewer.socket, 'session:phase', {
      sessionId,
      phase: 'high-level-design',
    });
    expect(moved).toMatchObject({ ok: true });
    const prompted = new Promise((resolve) => interviewer.socket.once('round:prompt-chosen', resolve));
    await choose(host, 'url-shortener').expect(200);
    await prompted;
    const rejoined = await call<JoinAck>(interviewer.socket, 'session:join', { sessionId });
    expect((rejoined as { state: SessionState }).state).toMatchObject({
      phase: 'high-level-design',
      phaseStartedAt: moved.state.phaseStartedAt,
    });
  });

  it('leaves the clock alone when the board was drawn on before the prompt came', async () => {
    const interviewer = await joined(host);
    const startedAt = (interviewer.ack as { state: SessionState }).state.phaseStartedAt;
    expect(
      await call(interviewer.socket, 'scene:update', { sessionId, elements: [aRectangle()] }),
    ).toMatchObject({ ok: true });
    const prompted = new Promise((resolve) => interviewer.socket.once('round:prompt-chosen', resolve));
    await choose(host, 'url-shortener').expect(200);
    await prompted;
    const rejoined = await call<JoinAck>(interviewer.socket, 'session:join', { sessionId });
    expect((rejoined as { state: SessionState }).state.phaseStartedAt).toBe(startedAt);
  });

  it('tells nobody of a choice it refused', async () => {
    const interviewer = await joined(host);
    const candidate = await joined(guest);
    const heard = overheard(candidate.socket);

    // The candidate may not choose; nor may anyone choose a prompt the library does not have.
    await choose(guest, 'chat-app').expect(403);
    const unknown = await choose(host, 'no-such-prompt').expect(400);
    expect(unknown.body.fields[0]).toMatchObject({ field: 'promptId' });

    // A choice that is stored is heard; the same one chosen again is no news.
    const stored = new Promise((resolve) => interviewer.socket.once('round:prompt-chosen', resolve));
    await choose(host, 'chat-app').expect(200);
    await stored;
    await choose(host, 'chat-app').expect(200);
    await call(candidate.socket, 'session:join', { sessionId });
    expect(heard).toEqual([{ sessionId, round: 1, promptId: 'chat-app' }]);
  });
  it('never surprises round 2 with round 1’s prompt, which its candidate just ran as interviewer', async () => {
    const roundTwoInterviewer = await signUp(server.url);
    const swap = (await aLiveSession(server.url, await signUp(server.url), roundTwoInterviewer)).id;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const chosen = await request(server.url)
        .put(`/api/sessions/${swap}/rounds/2/prompt`)
        .set(roundTwoInterviewer.bearer)
        .send({ promptId: 'surprise' })
        .expect(200);
      const [first, second] = chosen.body.rounds as { promptId: string | null }[];
      expect(first!.promptId).toBe('url-shortener');
      expect(second!.promptId).not.toBe('url-shortener');
    }
  });
  it('tells the round’s interviewer, before they choose, what their candidate was asked before', async () => {
    // The guest was asked the rate limiter in another session, three hours later (not cancelled).
    const later = new Date(Date.parse(soonStart()) + 3 * 3_600_000).toISOString();
    await aLiveSession(server.url, await signUp(server.url), guest, {
      startsAt: later,
      promptId: 'rate-limiter',
    });
    await choose(host, 'chat-app').expect(200);

    const choicesOf = (user: SignedUpUser, round: number) =>
      request(server.url).get(`/api/sessions/${sessionId}/rounds/${round}/prompt-choices`).set(user.bearer);
    expect((await choicesOf(host, 1).expect(200)).body).toEqual({
      askedBefore: ['rate-limiter'],
      inThisSession: [],
    });
    // Round 2 is the guest's to interview: the host was asked nothing before, round 1 uses chat-app.
    expect((await choicesOf(guest, 2).expect(200)).body).toEqual({
      askedBefore: [],
      inThisSession: ['chat-app'],
    });
    // Only the round's interviewer asks; another round, or a stranger's question, is refused.
    expect((await choicesOf(guest, 1).expect(403)).body.message).toBe(
      "Only this round's interviewer chooses its prompt",
    );
    expect((await choicesOf(host, 3).expect(404)).body.message).toBe('This session has no round 3');
    await choicesOf(await signUp(server.url), 1).expect(404);
    // What it marks, the server refuses.
    await choose(host, 'rate-limiter').expect(409);
    // Once the prompts can no longer change, the candidate's history is no longer the interviewer's to read.
    await request(server.url)
      .post(`/api/sessions/${sessionId}/cancel`)
      .set(host.bearer)
      .send({ reason: 'Something came up' })
      .expect(200);
    expect((await choicesOf(host, 1).expect(409)).body.message).toBe(
      'The session is cancelled; its prompts can no longer change',
    );
  });
  it('never hands a candidate the guide of the prompt they answer, through the round they interview next', async () => {
    // Round 1 is the guest's to answer (url-shortener); round 2 is theirs to interview.
    const roundOneCandidate = await signUp(server.url);
    const roundOneInterviewer = await signUp(server.url);
    const session = (await aLiveSession(server.url, roundOneInterviewer, roundOneCandidate)).id;
    await choose(roundOneCandidate, 'url-shortener', 2, session).expect(200);
    const asked = await promptOf(roundOneCandidate, 2, session).expect(200);
    expect(asked.body.prompt).toMatchObject({ id: 'url-shortener', guide: null });
    // An admin reads it whole.
    const admin = await signUp(server.url, { email: SECOND_ADMIN_EMAIL });
    const whole = await promptOf(admin, 2, session).expect(200);
    expect(whole.body.prompt.guide).toBeTruthy();
  });

  it('keeps a round’s prompt once the room has moved past the round', async () => {
    const interviewer = await joined(host);
    await joined(guest);
    await choose(host, 'url-shortener').expect(200);
    expect(await call(interviewer.socket, 'session:swap', { sessionId })).toMatchObject({ ok: true });

    // Round 1 was held on url-shortener: its scorecard, replay and history say so.
    const late = await choose(host, 'chat-app').expect(409);
    expect(late.body.message).toBe('Round 1 is over: it keeps the prompt it was held on');
    await request(server.url)
      .get(`/api/sessions/${sessionId}/rounds/1/prompt-choices`)
      .set(host.bearer)
      .expect(409);
    const roundOne = await promptOf(host).expect(200);
    expect(roundOne.body.prompt).toMatchObject({ id: 'url-shortener' });
    // The round on now still takes its interviewer's choice.
    await choose(guest, 'chat-app', 2).expect(200);
  });

  it('holds an admin who practises to their role: no guide for the candidate', async () => {
    const admin = await signUp(server.url, { email: PRACTISING_ADMIN_EMAIL });
    const interviewer = await signUp(server.url);
    // Round 1: the admin answers it; the interviewer chooses its prompt while the session runs.
    const session = (await aLiveSession(server.url, interviewer, admin, { promptId: undefined })).id;
    await choose(interviewer, 'chat-app', 1, session).expect(200);
    const seen = await promptOf(admin, 1, session).expect(200);
    expect(seen.body.prompt).toMatchObject({ id: 'chat-app', guide: null });
    await request(server.url).get(`/api/sessions/${session}/rounds/1/diagram`).set(admin.bearer).expect(403);
    // Their partner, the round's interviewer, reads both.
    const guided = await promptOf(interviewer, 1, session).expect(200);
    expect(guided.body.prompt.guide).toBeTruthy();
    await request(server.url)
      .get(`/api/sessions/${session}/rounds/1/diagram`)
      .set(interviewer.bearer)
      .expect(200);
  });
});
