import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { CaseStudySchema, type CaseStudy, type ShareLinkResponse } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { aLiveSession, aRectangle, call, connect } from './support/room-client';
import { asUser } from './support/scheduling-factories';
import { aScorecard, putScorecard } from './support/scoring-factories';
import { startTestApp, type TestApp } from './support/test-app';

const ADMIN_EMAIL = 'portfolio-admin@example.test';
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:";

interface DrawnSession {
  id: string;
  host: SignedUpUser;
  guest: SignedUpUser;
}

describe('portfolio', () => {
  let server: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestApp({ ADMIN_EMAILS: ADMIN_EMAIL });
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  const open = async (user: SignedUpUser, sessionId: string) => {
    const socket = await connect(server.url, user);
    sockets.push(socket);
    expect(await call(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
    return socket;
  };
  /** Supertest leaves unknown types such as image/svg+xml as a buffer: read the text either way. */
  const textOf = (response: request.Response) =>
    Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.text;

  /**
   * A swap session drawn through the live room (a box, an escaped label, an arrow, and an element
   * deleted again), each interviewer's private notes, then moved into the past, ended.
   */
  async function aDrawnSession(): Promise<DrawnSession> {
    const host = await signUp(server.url);
    const guest = await signUp(server.url);
    const { id } = await aLiveSession(server.url, host, guest);
    const hostSocket = await open(host, id);
    const guestSocket = await open(guest, id);
    const erased = aRectangle({ x: 9_000, y: 9_000 });
    const drawn = await call(hostSocket, 'scene:update', {
      sessionId: id,
      elements: [
        aRectangle({ x: 40, y: 60, width: 200, height: 100, backgroundColor: '#a5d8ff', index: 'a1' }),
        aRectangle({
          type: 'text',
          text: 'Cache <hot keys>',
          x: 60,
          y: 95,
          width: 160,
          height: 25,
          index: 'a2',
        }),
        aRectangle({
          type: 'arrow',
          x: 240,
          y: 110,
          width: 100,
          height: 0,
          points: [
            [0, 0],
            [100, 0],
          ],
          index: 'a3',
        }),
        erased,
      ],
    });
    expect(drawn).toMatchObject({ ok: true });
    await call(guestSocket, 'scene:update', {
      sessionId: id,
      elements: [{ ...erased, version: 2, isDeleted: true }],
    });
    await call(hostSocket, 'notes:update', {
      sessionId: id,
      round: 1,
      text: 'HOST-PRIVATE: rushed the estimate',
    });
    await call(guestSocket, 'notes:update', {
      sessionId: id,
      round: 2,
      text: 'Guest note: <b>solid</b> API',
    });
    await server.dataSource.query(
      `UPDATE sessions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour',
         status = 'scoring' WHERE id = $1`,
      [id],
    );
    await server.dataSource.query(
      `UPDATE session_rounds SET prompt_id = 'rate-limiter' WHERE session_id = $1 AND number = 2`,
      [id],
    );
    return { id, host, guest };
  }

  it('serves the final whiteboard as a standalone SVG under a policy that forbids every resource', async () => {
    const { id, host } = await aDrawnSession();
    const response = await as(host).get(`/api/sessions/${id}/whiteboard.svg`).expect(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(response.headers['content-security-policy']).toBe(SVG_POLICY);
    const svg = textOf(response);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="[-\d]+ [-\d]+ \d+ \d+"/);
    expect(svg).toContain('<rect x="40" y="60" width="200" height="100"');
    expect(svg).toContain('Cache &lt;hot keys&gt;');
    expect(svg).toContain('<polyline'); // the arrowhead
    expect(svg).not.toContain('9000'); // the deleted element is neither drawn nor in the bounds
    // Each round drew on its own board (issue 14): the final one is the last round drawn on.
    expect(svg).toContain('<title>Round 1 whiteboard: Design a URL shortener</title>');
    const roundTwo = textOf(await as(host).get(`/api/sessions/${id}/whiteboard.svg?round=2`).expect(200));
    expect(roundTwo).toContain('<title>Round 2 whiteboard: Design a distributed API rate limiter</title>');
    expect(roundTwo).not.toContain('Cache &lt;hot keys&gt;');
  });

  it('exports my case study: prompts, the SVG of the final whiteboard, my own notes and the feedback I may see', async () => {
    const { id, host, guest } = await aDrawnSession();
    await putScorecard(server, host, id, 1, aScorecard({ requirements: 4 }, { strengths: 'Crisp <scope>' }));
    // Before the guest has given feedback, the host's scorecard about them stays out of their case study.
    const early = textOf(await as(guest).get(`/api/sessions/${id}/case-study.md`).expect(200));
    expect(early).not.toContain('Feedback from my interviewer');
    await putScorecard(server, guest, id, 2, aScorecard());

    const response = await as(guest).get(`/api/sessions/${id}/case-study.md`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/markdown/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="mockboard-\d{4}-\d{2}-\d{2}-url-shortener\.md"$/,
    );
    const markdown = textOf(response);
    const boardOf = async (round: number) =>
      textOf(await as(guest).get(`/api/sessions/${id}/whiteboard.svg?round=${round}`).expect(200));
    // Each round's own board, in its order.
    expect(markdown).toContain(
      `## Whiteboard, round 1\n\n${await boardOf(1)}\n\n## Whiteboard, round 2\n\n${await boardOf(2)}\n`,
    );
    expect(markdown).toContain(
      '# Case study: Design a URL shortener · Design a distributed API rate limiter',
    );
    expect(markdown).toContain('## Round 1: Design a URL shortener\n\nI was the candidate.');
    expect(markdown).toContain('### Problem statement');
    expect(markdown).toContain('## Round 2: Design a distributed API rate limiter\n\nI was the interviewer.');
    expect(markdown).toContain('> Guest note: &lt;b&gt;solid&lt;/b&gt; API');
    expect(markdown).not.toContain('HOST-PRIVATE');
    // 15·4 + 85·3 = 315 → 3.15
    expect(markdown).toContain('**Weighted score: 3.15 / 4**');
    expect(markdown).toContain('| Requirements and scope | 4 — Exceptional | Evidence on requirements |');
    expect(markdown).toContain('> Crisp &lt;scope&gt;');
    // The feedback the guest wrote about the host is the host's, not part of the guest's view.
    expect(markdown.match(/Feedback from my interviewer/g)).toHaveLength(1);
  });

  it('shares a read-only case study only when opted in, and a revoked link stops working at once', async () => {
    const { id, host, guest } = await aDrawnSession();
    await putScorecard(server, host, id, 1, aScorecard());
    await putScorecard(server, guest, id, 2, aScorecard());

    expect((await as(guest).get(`/api/sessions/${id}/share`).expect(200)).body).toEqual({ url: null });
    const shared = (await as(guest).post(`/api/sessions/${id}/share`).expect(200)).body as ShareLinkResponse;
    expect((await as(guest).get(`/api/sessions/${id}/share`).expect(200)).body).toEqual(shared);
    expect(shared.url).toMatch(/^\/shared\/[A-Za-z0-9_-]{32}$/);
    expect((await as(guest).post(`/api/sessions/${id}/share`).expect(200)).body).toEqual(shared);
    const token = shared.url!.slice('/shared/'.length);

    const page = CaseStudySchema.parse(
      (await request(server.url).get(`/api/shared/${token}`).expect(200)).body,
    );
    expect(page).toMatchObject({
      title: 'Case study: Design a URL shortener · Design a distributed API rate limiter',
      format: 'swap',
      whiteboardSvgUrl: `/api/shared/${token}/whiteboard.svg`,
      markdownUrl: `/api/shared/${token}/case-study.md`,
    });
    expect(
      page.rounds.map((round) => [round.number, round.role, round.promptId, round.whiteboardSvgUrl]),
    ).toEqual([
      [1, 'candidate', 'url-shortener', `/api/shared/${token}/whiteboard.svg?round=1`],
      [2, 'interviewer', 'rate-limiter', `/api/shared/${token}/whiteboard.svg?round=2`],
    ]);
    expect(page.feedback.map((feedback) => feedback.round)).toEqual([1]);
    const publicText = JSON.stringify(page);
    for (const secret of [
      host.user.displayName,
      host.user.email,
      guest.user.email,
      'Guest note',
      'HOST-PRIVATE',
      id,
    ]) {
      expect(publicText).not.toContain(secret);
    }
    const publicSvg = await request(server.url).get(`/api/shared/${token}/whiteboard.svg`).expect(200);
    expect(publicSvg.headers['content-security-policy']).toBe(SVG_POLICY);
    expect(textOf(publicSvg)).toContain('Cache &lt;hot keys&gt;');
    const publicMarkdown = textOf(
      await request(server.url).get(`/api/shared/${token}/case-study.md`).expect(200),
    );
    expect(publicMarkdown).toContain('## Whiteboard, round 1');
    expect(publicMarkdown).not.toContain('Guest note'); // notes are about the partner, who did not opt in

    expect((await as(guest).delete(`/api/sessions/${id}/share`).expect(200)).body).toEqual({ url: null });
    expect((await as(guest).get(`/api/sessions/${id}/share`).expect(200)).body).toEqual({ url: null });
    for (const path of ['', '/case-study.md', '/whiteboard.svg']) {
      await request(server.url).get(`/api/shared/${token}${path}`).expect(404);
    }
    const again = (await as(guest).post(`/api/sessions/${id}/share`).expect(200)).body as ShareLinkResponse;
    expect(again.url).not.toBe(shared.url);
  });

  it('lets each participant share only their own view', async () => {
    const { id, host, guest } = await aDrawnSession();
    await putScorecard(server, host, id, 1, aScorecard());
    await putScorecard(server, guest, id, 2, aScorecard({ communication: 1 }));
    const hostUrl = ((await as(host).post(`/api/sessions/${id}/share`).expect(200)).body as ShareLinkResponse)
      .url!;
    const guestUrl = (
      (await as(guest).post(`/api/sessions/${id}/share`).expect(200)).body as ShareLinkResponse
    ).url!;
    expect(hostUrl).not.toBe(guestUrl);
    const hostView = (await request(server.url).get(`/api${hostUrl}`).expect(200)).body as CaseStudy;
    expect(hostView.rounds.map((round) => round.role)).toEqual(['interviewer', 'candidate']);
    expect(hostView.feedback.map((feedback) => feedback.round)).toEqual([2]);
    // Revoking one participant's link leaves the other's alone.
    await as(host).delete(`/api/sessions/${id}/share`).expect(200);
    await request(server.url).get(`/api${hostUrl}`).expect(404);
    await request(server.url).get(`/api${guestUrl}`).expect(200);

    const admin = await signUp(server.url, { email: ADMIN_EMAIL });
    await as(admin).get(`/api/sessions/${id}/whiteboard.svg`).expect(200);
    await as(admin).post(`/api/sessions/${id}/share`).expect(403);
  });

  it('answers 404 for tokens that were never issued, whatever their shape', async () => {
    for (const token of ['nope', 'A'.repeat(32), '..%2F..%2Fetc', 'x'.repeat(300)]) {
      await request(server.url).get(`/api/shared/${token}`).expect(404);
    }
  });

  it('keeps a third user out of the whiteboard and the case study', async () => {
    const { id } = await aDrawnSession();
    const stranger = await signUp(server.url);
    await as(stranger).get(`/api/sessions/${id}/whiteboard.svg`).expect(404);
    await as(stranger).get(`/api/sessions/${id}/case-study.md`).expect(404);
    await request(server.url).get(`/api/sessions/${id}/whiteboard.svg`).expect(401);
  });
});
