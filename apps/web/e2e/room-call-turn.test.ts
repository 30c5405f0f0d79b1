import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Session } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aLiveSession } from '../../api/test/support/room-client';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { artifact, launchBrowser } from './support/browser';
import { startCoturn, type Coturn } from './support/coturn';
import { DESKTOP } from './support/members';
import { keepPeerConnections } from './support/peer-connections';

/** One RTCPeerConnection as the test sees it: its state, its selected pair's candidate types, its audio. */
interface ConnectionSummary {
  state: string;
  local?: string;
  remote?: string;
  audioBytesReceived: number;
}

// In-page code below compiles without the DOM's types: the little of WebRTC it uses, typed here.
type StatsReport = Map<string, Record<string, unknown>>;
interface PeerConnection {
  connectionState: string;
  onicecandidate: ((event: { candidate: unknown }) => void) | null;
  addIceCandidate(candidate: unknown): Promise<void>;
  addTrack(track: unknown, stream: unknown): void;
  addTransceiver(kind: string): void;
  createOffer(): Promise<unknown>;
  createAnswer(): Promise<unknown>;
  setLocalDescription(description: unknown): Promise<void>;
  setRemoteDescription(description: unknown): Promise<void>;
  getStats(): Promise<StatsReport>;
}
type PageGlobals = {
  RTCPeerConnection: new (config: unknown) => PeerConnection;
  navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<{ getTracks(): unknown[] }> } };
  __peerConnections?: PeerConnection[];
};

/** Run in the page: every kept connection that is not closed, as the test sees it. */
async function openConnections(): Promise<ConnectionSummary[]> {
  const kept = (globalThis as unknown as PageGlobals).__peerConnections ?? [];
  const open = kept.filter((connection) => connection.connectionState !== 'closed');
  return Promise.all(
    open.map(async (connection) => {
      const stats = await connection.getStats();
      const summary: ConnectionSummary = { state: connection.connectionState, audioBytesReceived: 0 };
      for (const entry of stats.values()) {
        if (entry.type === 'inbound-rtp' && entry.kind === 'audio')
          summary.audioBytesReceived += Number(entry.bytesReceived ?? 0);
        if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') {
          const pair = stats.get(entry.selectedCandidatePairId);
          summary.local = stats.get(String(pair?.localCandidateId))?.candidateType as string | undefined;
          summary.remote = stats.get(String(pair?.remoteCandidateId))?.candidateType as string | undefined;
        }
      }
      return summary;
    }),
  );
}

/**
 * Run in a page: two peer connections that may only use TURN relays, one sending the fake
 * microphone to the other, signalled inside the page and kept for `openConnections`.
 */
async function connectTwoRelayOnlyPeerConnections(input: {
  turnUrl: string;
  username: string;
  credential: string;
}): Promise<void> {
  const page = globalThis as unknown as PageGlobals;
  const config = {
    iceTransportPolicy: 'relay',
    iceServers: [{ urls: [input.turnUrl], username: input.username, credential: input.credential }],
  };
  const sender = new page.RTCPeerConnection(config);
  const receiver = new page.RTCPeerConnection(config);
  page.__peerConnections = [sender, receiver];
  sender.onicecandidate = ({ candidate }) => void (candidate && receiver.addIceCandidate(candidate));
  receiver.onicecandidate = ({ candidate }) => void (candidate && sender.addIceCandidate(candidate));
  const microphone = await page.navigator.mediaDevices.getUserMedia({ audio: true });
  for (const track of microphone.getTracks()) sender.addTrack(track, microphone);
  receiver.addTransceiver('audio');
  const offer = await sender.createOffer();
  await sender.setLocalDescription(offer);
  await receiver.setRemoteDescription(offer);
  const answer = await receiver.createAnswer();
  await receiver.setLocalDescription(answer);
  await sender.setRemoteDescription(answer);
}

// Opus at its default rate sends a few KB a second: 4 KB is a second or two of sound.
const AUDIBLE_BYTES = 4_000;

/**
 * Polls the page's open connections until all are connected and their audio grew by
 * AUDIBLE_BYTES, or 30 s passed; returns what they reached for the test to check.
 */
async function whenAudioArrives(
  page: Page,
): Promise<{ connections: ConnectionSummary[]; audioBytesGained: number }> {
  const total = (connections: ConnectionSummary[]) =>
    connections.reduce((sum, connection) => sum + connection.audioBytesReceived, 0);
  const first = total(await page.evaluate(openConnections));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const connections = await page.evaluate(openConnections);
    const audioBytesGained = total(connections) - first;
    const connected = connections.length > 0 && connections.every(({ state }) => state === 'connected');
    const failed = connections.some(({ state }) => state === 'failed');
    if ((connected && audioBytesGained >= AUDIBLE_BYTES) || failed || Date.now() > deadline)
      return { connections, audioBytesGained };
    await page.waitForTimeout(250);
  }
}

const pairs = (connections: ConnectionSummary[]) =>
  connections.map(({ state, local, remote }) => ({ state, local, remote }));
const RELAYED = { state: 'connected', local: 'relay', remote: 'relay' };

/** coturn's REST scheme, written out here independently of the server's implementation. */
function turnCredentials(secret: string, userId: string): { username: string; credential: string } {
  const username = `${Math.floor(Date.now() / 1000) + 3600}:${userId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** An empty page on 127.0.0.1: a secure context, which getUserMedia needs (about:blank is not). */
async function blankPageServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_, response) => response.end('<!doctype html><title>blank</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe('a call forced through TURN, against a real coturn on loopback', () => {
  let coturn: Coturn;
  let browser: Browser;
  beforeAll(async () => {
    [coturn, browser] = await Promise.all([startCoturn(), launchBrowser({ fakeMedia: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await coturn?.stop();
  });

  describe('coturn itself (what the room test relies on)', () => {
    let blank: { url: string; server: Server };
    let page: Page;
    beforeAll(async () => {
      blank = await blankPageServer();
      page = await browser.newPage();
      await page.goto(blank.url);
    });
    afterAll(async () => {
      await page?.context().close();
      blank?.server.close();
    });

    it('relays audio between two relay-only Chromium peer connections', async () => {
      await page.evaluate(connectTwoRelayOnlyPeerConnections, {
        turnUrl: coturn.url,
        ...turnCredentials(coturn.secret, 'coturn-self-check'),
      });
      const { connections, audioBytesGained } = await whenAudioArrives(page);
      expect(pairs(connections)).toEqual([RELAYED, RELAYED]);
      expect(audioBytesGained).toBeGreaterThanOrEqual(AUDIBLE_BYTES);
      expect(await coturn.log()).toMatch(
        /user <\d+:coturn-self-check>: incoming packet ALLOCATE processed, success/,
      );
    });
  });

  describe('in the room, with TURN credentials issued by our server and ICE_TRANSPORT_POLICY=relay', () => {
    const TTL_SECONDS = 600;
    let server: TestApp;
    const contexts: BrowserContext[] = [];
    beforeAll(async () => {
      server = await startTestApp({
        TURN_URLS: coturn.url,
        TURN_SECRET: coturn.secret,
        TURN_CREDENTIAL_TTL_SECONDS: String(TTL_SECONDS),
        ICE_TRANSPORT_POLICY: 'relay',
      });
    });
    afterAll(async () => {
      await Promise.all(contexts.map((context) => context.close()));
      await server?.close();
    });

    async function enterRoom(user: SignedUpUser, session: Session): Promise<Page> {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
      contexts.push(context);
      await context.addCookies([{ name: 'mockboard_session', value: user.accessToken, url: server.url }]);
      const page = await context.newPage();
      await page.addInitScript(keepPeerConnections);
      await page.goto(`${server.url}/sessions/${session.id}/room`);
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      return page;
    }

    it('connects the two participants only through coturn, each hearing the other', async () => {
      const ada = await signUp(server.url, { displayName: 'Ada Host' });
      const ben = await signUp(server.url, { displayName: 'Ben Guest' });
      const session = await aLiveSession(server.url, ada, ben);
      const startedAt = Math.floor(Date.now() / 1000);

      const [a, b] = await Promise.all([enterRoom(ada, session), enterRoom(ben, session)]);
      const [atAda, atBen] = await Promise.all([whenAudioArrives(a), whenAudioArrives(b)]);
      await a.screenshot({ path: artifact('room-call-turn-a.png') });
      // Both ends of the one connection each side holds are TURN relays: no direct path was used.
      expect(pairs(atAda.connections)).toEqual([RELAYED]);
      expect(pairs(atBen.connections)).toEqual([RELAYED]);
      expect(atAda.audioBytesGained).toBeGreaterThanOrEqual(AUDIBLE_BYTES);
      expect(atBen.audioBytesGained).toBeGreaterThanOrEqual(AUDIBLE_BYTES);

      // coturn accepted credentials our server issued to each participant: `<expiry>:<userId>`,
      // expiring TURN_CREDENTIAL_TTL_SECONDS after the join.
      const log = await coturn.log();
      for (const user of [ada, ben]) {
        const allocation = new RegExp(
          `user <(\\d+):${user.user.id}>: incoming packet ALLOCATE processed, success`,
        );
        const expiry = Number(allocation.exec(log)?.[1]);
        expect({ user: user.user.displayName, allocated: allocation.test(log) }).toEqual({
          user: user.user.displayName,
          allocated: true,
        });
        expect(expiry).toBeGreaterThanOrEqual(startedAt + TTL_SECONDS);
        expect(expiry).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + TTL_SECONDS);
      }
    });
  });
});
