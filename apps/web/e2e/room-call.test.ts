import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Session } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aLiveSession } from '../../api/test/support/room-client';
import { artifact } from './support/browser';
import { memberStage } from './support/members';
import { keepPeerConnections } from './support/peer-connections';

/** Per connection the page made (in order), the audio bytes it received so far; null once closed. */
function audioBytesReceived(): Promise<(number | null)[]> {
  type Stats = { type: string; kind?: string; bytesReceived?: number };
  type Connection = {
    connectionState: string;
    getStats(): Promise<{ forEach(f: (s: Stats) => void): void }>;
  };
  const connections = (globalThis as unknown as { __peerConnections?: Connection[] }).__peerConnections ?? [];
  return Promise.all(
    connections.map(async (connection) => {
      if (connection.connectionState === 'closed') return null;
      let bytes = 0;
      (await connection.getStats()).forEach((stats) => {
        if (stats.type === 'inbound-rtp' && stats.kind === 'audio') bytes += stats.bytesReceived ?? 0;
      });
      return bytes;
    }),
  );
}

const openConnections = (bytes: (number | null)[]) => bytes.filter((b) => b !== null).length;

/** Some open connection received this many more audio bytes than at `before` (a new one counts from 0). */
const grewSince = (before: (number | null)[], now: (number | null)[], by: number) =>
  now.some((bytes, index) => bytes !== null && bytes - (before[index] ?? 0) >= by);

// Opus at its default rate sends a few KB a second: 4 KB is a second or two of sound.
const AUDIBLE_BYTES = 4_000;

/** Polls the page's stats until its partner's audio arrives (its inbound audio bytes grow). */
async function hearsPartner(page: Page, what: string): Promise<void> {
  const before = await page.evaluate(audioBytesReceived);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const now = await page.evaluate(audioBytesReceived);
    if (grewSince(before, now, AUDIBLE_BYTES)) return;
    if (Date.now() > deadline)
      throw new Error(
        `${what}: no audio arrived; bytes were ${JSON.stringify(before)}, now ${JSON.stringify(now)}`,
      );
    await page.waitForTimeout(250);
  }
}

/**
 * Polls until the page's inbound audio stops growing: the same bytes over a whole 2 s window
 * (packets in flight when the partner muted still arrive first).
 */
async function hearsNothing(page: Page, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let windowStart = await page.evaluate(audioBytesReceived);
  let windowStartedAt = Date.now();
  for (;;) {
    await page.waitForTimeout(250);
    const now = await page.evaluate(audioBytesReceived);
    if (JSON.stringify(now) !== JSON.stringify(windowStart)) {
      windowStart = now;
      windowStartedAt = Date.now();
    } else if (Date.now() - windowStartedAt >= 2_000) return;
    if (Date.now() > deadline) throw new Error(`${what}: audio kept arriving (${JSON.stringify(now)})`);
  }
}

describe('the call in the room, with two browsers’ fake microphones', () => {
  const stage = memberStage({ fakeMedia: true });

  async function enterRoom(user: SignedUpUser, session: Session): Promise<Page> {
    const page = await stage.signedIn(user);
    await page.addInitScript(keepPeerConnections);
    await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    return page;
  }

  const muteButton = (page: Page) => page.getByRole('button', { name: 'Mute (Alt+M)' });

  it('carries each side’s audio to the other: through a mute, a reload and a swap of roles', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    // Round 2 is Ben's to interview, so the swap below has a prompt to move to.
    await request(stage.server.url)
      .put(`/api/sessions/${session.id}/rounds/2/prompt`)
      .set(ben.bearer)
      .send({ promptId: 'chat-app' })
      .expect(200);

    // Entering the room is enough: nobody clicks anything to be heard.
    const [a, b] = await Promise.all([enterRoom(ada, session), enterRoom(ben, session)]);
    await Promise.all([hearsPartner(a, 'Ada hears Ben'), hearsPartner(b, 'Ben hears Ada')]);
    expect(openConnections(await a.evaluate(audioBytesReceived))).toBe(1);
    expect(openConnections(await b.evaluate(audioBytesReceived))).toBe(1);
    await a.screenshot({ path: artifact('room-call-a.png') });

    // Ada mutes: nothing leaves her microphone, so Ben's inbound audio stops; Ben still reaches her.
    await muteButton(a).click();
    await hearsNothing(b, 'Ben, with Ada muted');
    await hearsPartner(a, 'Ada hears Ben while muted');
    await muteButton(a).click();
    await hearsPartner(b, 'Ben hears Ada after she unmuted');

    // Ben reloads (a new endpoint): the call reconnects, with one connection on each side.
    await b.reload();
    await b.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await Promise.all([
      hearsPartner(a, 'Ada hears Ben after his reload'),
      hearsPartner(b, 'Ben hears Ada after his reload'),
    ]);
    expect(openConnections(await a.evaluate(audioBytesReceived))).toBe(1);
    expect(openConnections(await b.evaluate(audioBytesReceived))).toBe(1);

    // The swap starts round 2 on new room connections; the call's connections carry on.
    const connectionsBefore = [
      (await a.evaluate(audioBytesReceived)).length,
      (await b.evaluate(audioBytesReceived)).length,
    ];
    await a.getByRole('button', { name: 'Swap roles' }).click();
    await a.getByRole('dialog', { name: 'Swap roles?' }).getByRole('button', { name: 'Swap roles' }).click();
    await b.getByText('You interview').waitFor();
    await a.getByText('You are the candidate').waitFor();
    await Promise.all([
      hearsPartner(a, 'Ada hears Ben in round 2'),
      hearsPartner(b, 'Ben hears Ada in round 2'),
    ]);
    expect([
      (await a.evaluate(audioBytesReceived)).length,
      (await b.evaluate(audioBytesReceived)).length,
    ]).toEqual(connectionsBefore);
  });

  it('moves the call to a second tab of the same person, and back on “Take the call here”', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const [a, b] = await Promise.all([enterRoom(ada, session), enterRoom(ben, session)]);
    await Promise.all([hearsPartner(a, 'Ada hears Ben'), hearsPartner(b, 'Ben hears Ada')]);

    // Ben opens the room again in another tab: that tab takes the call, the first one steps back.
    const second = await b.context().newPage();
    await second.addInitScript(keepPeerConnections);
    await second.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await b.getByText('Call moved to another tab').waitFor();
    await Promise.all([
      hearsPartner(a, 'Ada hears Ben’s second tab'),
      hearsPartner(second, 'Ben’s second tab hears Ada'),
    ]);
    expect(openConnections(await b.evaluate(audioBytesReceived))).toBe(0);
    expect(openConnections(await a.evaluate(audioBytesReceived))).toBe(1);

    await b.getByRole('button', { name: 'Take the call here' }).click();
    await second.getByText('Call moved to another tab').waitFor();
    await Promise.all([
      hearsPartner(a, 'Ada hears Ben’s first tab again'),
      hearsPartner(b, 'Ben’s first tab hears Ada again'),
    ]);
    expect(openConnections(await second.evaluate(audioBytesReceived))).toBe(0);
    expect(openConnections(await a.evaluate(audioBytesReceived))).toBe(1);
  });
});
