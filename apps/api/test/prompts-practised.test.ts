import request from 'supertest';
import type { PromptListResponse } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { asUser } from './support/scheduling-factories';
import { aPastSession } from './support/scoring-factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('the library filtered by what the user has practised', () => {
  let server: TestApp;
  let host: SignedUpUser;
  let guest: SignedUpUser;
  let allIds: string[];

  beforeAll(async () => {
    server = await startTestApp();
    [host, guest] = [await signUp(server.url), await signUp(server.url)];
    allIds = (await listAs(undefined, '')).prompts.map((prompt) => prompt.id);

    // Counted: a completed swap (both rounds, either role) and one still being scored.
    await aPastSession(server, {
      host,
      guest,
      prompts: ['url-shortener', 'rate-limiter'],
      status: 'completed',
    });
    await aPastSession(server, { host, guest, format: 'single', prompts: ['chat-app'], status: 'scoring' });
    // Not counted: a session that was cancelled, one still running, one whose partner never came.
    await aPastSession(server, { host, guest, format: 'single', prompts: ['youtube'], status: 'cancelled' });
    await aPastSession(server, { host, guest, format: 'single', prompts: ['uber'], status: 'live' });
    await aPastSession(server, { host, guest, format: 'single', prompts: ['whatsapp'], status: 'no_show' });
    // A swap ended in round 1 counts round 1's prompt only: round 2's, chosen ahead, was never asked.
    const early = await aPastSession(server, { host, guest, prompts: ['search-autocomplete', 'pastebin'] });
    await server.dataSource.query(
      `INSERT INTO room_state (session_id, round, phase) VALUES ($1, 1, 'wrap-up')`,
      [early.id],
    );
    // A completed session in which the guest was marked a no-show counts for the host only.
    const missed = await aPastSession(server, { host, guest, format: 'single', prompts: ['global-cdn'] });
    await server.dataSource.query(
      `UPDATE session_participants SET no_show = true WHERE session_id = $1 AND user_id = $2`,
      [missed.id, guest.user.id],
    );
  });
  afterAll(() => server.close());

  async function listAs(user: SignedUpUser | undefined, query: string): Promise<PromptListResponse> {
    const path = `/api/prompts${query}`;
    const response = await (user ? asUser(server, user).get(path) : request(server.url).get(path)).expect(
      200,
    );
    return response.body as PromptListResponse;
  }
  const idsFor = async (user: SignedUpUser, query: string) =>
    (await listAs(user, query)).prompts.map((prompt) => prompt.id).sort();

  it('lists the prompts practised in sessions that completed, in either role', async () => {
    expect(await idsFor(host, '?practised=yes')).toEqual([
      'chat-app',
      'global-cdn',
      'rate-limiter',
      'search-autocomplete',
      'url-shortener',
    ]);
    expect(await idsFor(guest, '?practised=yes')).toEqual([
      'chat-app',
      'rate-limiter',
      'search-autocomplete',
      'url-shortener',
    ]);
  });

  it('lists every other prompt as not practised yet', async () => {
    const notPractised = await idsFor(guest, '?practised=no');

    expect(notPractised).toEqual(
      expect.arrayContaining(['youtube', 'uber', 'whatsapp', 'global-cdn', 'pastebin']),
    );
    expect(notPractised).not.toContain('url-shortener');
    expect(
      [...notPractised, 'chat-app', 'rate-limiter', 'search-autocomplete', 'url-shortener'].sort(),
    ).toEqual([...allIds].sort());
  });

  it('combines with the other filters', async () => {
    const { prompts } = await listAs(host, '?practised=yes&tag=caching');

    expect(prompts.map((prompt) => prompt.id)).toContain('url-shortener');
    expect(prompts.every((prompt) => prompt.tags.includes('caching'))).toBe(true);
    expect((await listAs(host, '?practised=yes&q=zzzz-no-such-thing')).prompts).toEqual([]);
  });

  it('shows a newcomer that nothing is practised yet', async () => {
    const newcomer = await signUp(server.url);

    expect((await listAs(newcomer, '?practised=yes')).prompts).toEqual([]);
    expect(await idsFor(newcomer, '?practised=no')).toEqual([...allIds].sort());
  });

  it('still lists the whole library without the filter, signed in or not', async () => {
    expect((await listAs(host, '')).prompts.map((prompt) => prompt.id)).toEqual(allIds);
  });

  it('asks an anonymous caller to sign in before filtering by practice', async () => {
    const response = await request(server.url).get('/api/prompts?practised=no').expect(401);

    expect(response.body.message).toBe('Sign in to filter prompts by what you have practised');
  });

  it('rejects a practised value other than yes or no with 400 naming the parameter', async () => {
    const response = await asUser(server, host).get('/api/prompts?practised=maybe').expect(400);

    expect(response.body.fields).toEqual([
      { field: 'practised', message: 'must be "yes" (practised) or "no" (not practised yet)' },
    ]);
  });
});
