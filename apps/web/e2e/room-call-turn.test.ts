import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FAILURES_DIR } from './support/browser';
import { startCoturn, type Coturn } from './support/coturn';
import { saveArtifactsOnFailure } from './support/failure-artifacts';

/** Chromium with fake camera and microphone, granted without a prompt. */
async function launchCallBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      ...['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    ],
  });
  saveArtifactsOnFailure(browser, FAILURES_DIR);
  return browser;
}

/** coturn's REST scheme, written out here independently of the server's implementation. */
function turnCredentials(secret: string, userId: string): { username: string; credential: string } {
  const username = `${Math.floor(Date.now() / 1000) + 3600}:${userId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** What the selected candidate pair of a connection is made of, and the audio it received. */
interface PairSummary {
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
  close(): void;
}
type InPage = {
  RTCPeerConnection: new (config: unknown) => PeerConnection;
  navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<{ getTracks(): unknown[] }> } };
};

/**
 * Run in a page: two peer connections that may only use TURN relays, one sending the fake
 * microphone to the other, signalled in the page. Resolves with both ends' selected pairs once both
 * are connected and audio has arrived (or with what they reached after `timeoutMs`).
 */
async function relayBetweenTwoPeerConnections(input: {
  turnUrl: string;
  username: string;
  credential: string;
  timeoutMs: number;
}): Promise<PairSummary[]> {
  const page = globalThis as unknown as InPage;
  const config = {
    iceTransportPolicy: 'relay',
    iceServers: [{ urls: [input.turnUrl], username: input.username, credential: input.credential }],
  };
  const sender = new page.RTCPeerConnection(config);
  const receiver = new page.RTCPeerConnection(config);
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

  const summary = async (connection: PeerConnection): Promise<PairSummary> => {
    const stats = await connection.getStats();
    const result: PairSummary = { state: connection.connectionState, audioBytesReceived: 0 };
    for (const entry of stats.values()) {
      if (entry.type === 'inbound-rtp' && entry.kind === 'audio')
        result.audioBytesReceived += Number(entry.bytesReceived ?? 0);
      if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') {
        const pair = stats.get(entry.selectedCandidatePairId);
        result.local = stats.get(String(pair?.localCandidateId))?.candidateType as string | undefined;
        result.remote = stats.get(String(pair?.remoteCandidateId))?.candidateType as string | undefined;
      }
    }
    return result;
  };
  const deadline = Date.now() + input.timeoutMs;
  for (;;) {
    const ends = [await summary(sender), await summary(receiver)];
    const done = ends.every((end) => end.state === 'connected') && ends[1]!.audioBytesReceived > 0;
    const failed = ends.some((end) => end.state === 'failed');
    if (done || failed || Date.now() > deadline) {
      sender.close();
      receiver.close();
      return ends;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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
    [coturn, browser] = await Promise.all([startCoturn(), launchCallBrowser()]);
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
      const ends = await page.evaluate(relayBetweenTwoPeerConnections, {
        turnUrl: coturn.url,
        ...turnCredentials(coturn.secret, 'coturn-self-check'),
        timeoutMs: 20_000,
      });
      expect(ends.map(({ state, local, remote }) => ({ state, local, remote }))).toEqual([
        { state: 'connected', local: 'relay', remote: 'relay' },
        { state: 'connected', local: 'relay', remote: 'relay' },
      ]);
      expect(ends[1]!.audioBytesReceived).toBeGreaterThan(0);
      expect(await coturn.log()).toMatch(/username=<\d+:coturn-self-check>/);
    });
  });
});
