import { rmSync } from 'node:fs';
import request from 'supertest';
import { ReferenceDiagramViewSchema } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { asUser, getSession } from './support/scheduling-factories';
import { aPastSession } from './support/scoring-factories';
import { FIXTURE_DIAGRAM_LABELS, promptsWithADiagram } from './support/diagram-prompts';
import { startTestApp, type TestApp } from './support/test-app';

const ADMIN_EMAIL = 'diagram-admin@example.test';

describe('reference diagrams', () => {
  let server: TestApp;
  let promptsDir: string;
  let admin: SignedUpUser;
  beforeAll(async () => {
    promptsDir = promptsWithADiagram();
    server = await startTestApp({ PROMPTS_DIR: promptsDir, ADMIN_EMAILS: ADMIN_EMAIL });
    admin = await signUp(server.url, { email: ADMIN_EMAIL });
  });
  afterAll(async () => {
    await server.close();
    rmSync(promptsDir, { recursive: true, force: true });
  });

  const labelsOf = (body: unknown) =>
    ReferenceDiagramViewSchema.parse(body)
      .elements.flatMap((element) => (element.type === 'text' ? [element.originalText] : []))
      .sort();

  /** A session whose round 1 is the URL shortener and round 2 the rate limiter, and who interviews in each. */
  async function aSession(status: string) {
    const session = await aPastSession(server, { status, prompts: ['url-shortener', 'rate-limiter'] });
    const view = await getSession(server, session.host, session.id);
    const users = [session.host, session.guest];
    const interviewerOf = (round: number) =>
      users.find(
        (user) => user.user.id === view.rounds.find((each) => each.number === round)!.interviewerId,
      )!;
    const candidateOf = (round: number) => users.find((user) => user !== interviewerOf(round))!;
    return { ...session, interviewerOf, candidateOf };
  }

  const roundDiagram = (sessionId: string, round: number) =>
    `/api/sessions/${sessionId}/rounds/${round}/diagram`;

  it("shows an admin a prompt's diagram and its scene, and refuses everyone else the guide's part", async () => {
    const response = await asUser(server, admin).get('/api/prompts/url-shortener/diagram').expect(200);
    expect(response.body.promptTitle).toMatch(/URL shortener/i);
    expect(response.body.diagram.nodes.map((node: { id: string }) => node.id)).toEqual([
      'client',
      'api',
      'cache',
      'db',
    ]);
    expect(labelsOf(response.body)).toEqual(
      [...FIXTURE_DIAGRAM_LABELS.nodes, ...FIXTURE_DIAGRAM_LABELS.edges].sort(),
    );

    const someone = await signUp(server.url);
    const refused = await asUser(server, someone).get('/api/prompts/url-shortener/diagram').expect(403);
    expect(refused.body.message).toMatch(/interviewer's guide/);
    await request(server.url).get('/api/prompts/url-shortener/diagram').expect(401);
  });

  it('answers 404 for a prompt that does not exist', async () => {
    await asUser(server, admin).get('/api/prompts/no-such-prompt/diagram').expect(404);
  });

  it("during the session, shows the round's diagram to its interviewer only", async () => {
    const session = await aSession('live');
    const body = (await asUser(server, session.interviewerOf(1)).get(roundDiagram(session.id, 1)).expect(200))
      .body;
    expect(labelsOf(body)).toContain('Redirect service');
    const refused = await asUser(server, session.candidateOf(1)).get(roundDiagram(session.id, 1)).expect(403);
    expect(refused.body.message).toMatch(/once the session has ended/);
    await asUser(server, admin).get(roundDiagram(session.id, 1)).expect(200);
  });

  it("keeps a candidate from their own prompt's design through the round they interview next", async () => {
    const session = await aSession('live');
    const candidate = session.candidateOf(1);
    // Round 2's interviewer is round 1's candidate: they may choose round 1's prompt for it…
    await asUser(server, candidate)
      .put(`/api/sessions/${session.id}/rounds/2/prompt`, { promptId: 'url-shortener' })
      .expect(200);
    // …but that is the prompt they answer now, so its design waits for the end like round 1's.
    const refused = await asUser(server, candidate).get(roundDiagram(session.id, 2)).expect(403);
    expect(refused.body.message).toMatch(/once the session has ended/);
  });

  it('keeps it from a solo practitioner until the practice has ended: they answer as the candidate', async () => {
    const solo = await signUp(server.url);
    const practice = (
      await asUser(server, solo).post('/api/sessions/solo', { promptId: 'url-shortener' }).expect(201)
    ).body as { id: string };
    const refused = await asUser(server, solo).get(roundDiagram(practice.id, 1)).expect(403);
    expect(refused.body.message).toMatch(/once the session has ended/);
  });

  it.each(['scoring', 'completed'])(
    'once the session has ended (%s), shows it to both participants',
    async (status) => {
      const session = await aSession(status);
      for (const user of [session.host, session.guest]) {
        const body = (await asUser(server, user).get(roundDiagram(session.id, 1)).expect(200)).body;
        expect(ReferenceDiagramViewSchema.parse(body).promptId).toBe('url-shortener');
      }
      // Round 2 has its own prompt's diagram; a round 3 does not exist.
      const second = (await asUser(server, session.host).get(roundDiagram(session.id, 2)).expect(200)).body;
      expect(ReferenceDiagramViewSchema.parse(second).promptId).toBe('rate-limiter');
      await asUser(server, session.host).get(roundDiagram(session.id, 3)).expect(404);
    },
  );

  it('tells someone outside the session nothing about it', async () => {
    const session = await aSession('completed');
    const outsider = await signUp(server.url);
    await asUser(server, outsider).get(roundDiagram(session.id, 1)).expect(404);
    await asUser(server, session.host).get(`/api/sessions/${session.id}/rounds/one/diagram`).expect(400);
  });
});
