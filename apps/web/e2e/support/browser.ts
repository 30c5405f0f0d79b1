import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type Page,
  type Route,
  type WebSocket,
  type WebSocketRoute,
} from 'playwright-core';
import { waitUntil } from '../../../api/test/support/room-tab';
import { REPO_ROOT } from '../../../api/test/support/test-app';
import { saveArtifactsOnFailure } from './failure-artifacts';

/** Screenshots are kept as CI artifacts here. */
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts', 'e2e');

/**
 * What the open pages showed when a test failed: one folder per failed test or hook. Elsewhere
 * only for failure-artifacts.test.ts, whose deliberate failure is not one for CI to report.
 */
export const FAILURES_DIR = process.env.E2E_FAILURES_DIR ?? join(ARTIFACTS_DIR, 'failures');

export interface LaunchOptions {
  /**
   * Chromium's fake microphone and camera (a beep and a test pattern), granted without a prompt:
   * for the room's call.
   */
  fakeMedia?: boolean;
}

const FAKE_MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/**
 * Debian's Chromium, headless; the flags keep it off this machine's closed network. Every browser
 * test launches through here, so this is where a failure learns to save its pages.
 */
export async function launchBrowser({ fakeMedia = false }: LaunchOptions = {}): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      ...(fakeMedia ? FAKE_MEDIA_FLAGS : []),
    ],
  });
  saveArtifactsOnFailure(browser, FAILURES_DIR);
  return browser;
}

export function artifact(name: string): string {
  return join(ARTIFACTS_DIR, name);
}

/** The pages `page` loads from now on (each navigation's and reload's document), in order. */
export function pageLoads(page: Page): string[] {
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document' && request.frame() === page.mainFrame())
      documents.push(request.url());
  });
  return documents;
}

/** A page's socket.io connections, which a test cuts and restores as a network that drops would. */
export interface SocketIoLine {
  /**
   * Waits until a websocket whose address matches `address` has taken over from long polling (a
   * poll already waiting would outlive the cut by up to 25 s), then closes every socket.io websocket
   * of the page and refuses new connections until restored.
   */
  cut(address: RegExp): Promise<void>;
  restore(): Promise<void>;
  /** Whether a websocket whose address matches `address` is open now. */
  isOpen(address: RegExp): boolean;
  /** Waits until no websocket whose address matches `address` is open. */
  closed(address: RegExp): Promise<void>;
  /**
   * Holds the frames the server sends over websockets that match `frame`, as a server that falls
   * behind answers late, once a websocket whose address matches `address` has taken over.
   */
  holdFromServer(address: RegExp, frame: RegExp): Promise<void>;
  /** Delivers the frames held, in order, and holds no more. */
  release(): void;
}

const SOCKET_IO = /\/socket\.io\//;
/** The frame a socket.io client sends once its websocket has replaced long polling (engine.io's upgrade). */
const ENGINE_IO_UPGRADE = '5';

/** Routes `page`'s socket.io connections through the test; to be set up before the page opens them. */
export async function socketIoLine(page: Page): Promise<SocketIoLine> {
  const routed = new Set<WebSocketRoute>();
  const open = new Set<WebSocket>();
  const upgraded = new Set<WebSocket>();
  page.on('websocket', (socket) => {
    open.add(socket);
    socket.on('framesent', ({ payload }) => payload === ENGINE_IO_UPGRADE && upgraded.add(socket));
    socket.on('close', () => {
      open.delete(socket);
      upgraded.delete(socket);
    });
  });
  let down = false;
  let holding: RegExp | null = null;
  const held: [WebSocketRoute, string][] = [];
  await page.routeWebSocket(SOCKET_IO, (socket) => {
    if (down) {
      void socket.close();
      return;
    }
    routed.add(socket);
    // The page's frames pass through as they are (Playwright forwards them); the server's, unless held.
    const server = socket.connectToServer();
    server.onMessage((message) => {
      if (typeof message === 'string' && holding?.test(message)) held.push([socket, message]);
      else socket.send(message);
    });
  });
  const refuse = (route: Route) => route.abort('internetdisconnected');
  const isOpen = (address: RegExp) => [...open].some((socket) => address.test(socket.url()));
  const upgradedTo = (address: RegExp) =>
    waitUntil(
      () => [...upgraded].some((socket) => address.test(socket.url())),
      () => `${address} is upgraded`,
      20_000,
    );
  return {
    async cut(address) {
      await upgradedTo(address);
      down = true;
      // Long-polling requests too: socket.io reconnects over them first.
      await page.route(SOCKET_IO, refuse);
      await Promise.all([...routed].map((socket) => socket.close()));
      routed.clear();
    },
    async restore() {
      down = false;
      await page.unroute(SOCKET_IO, refuse);
    },
    isOpen,
    closed: (address) =>
      waitUntil(
        () => !isOpen(address),
        () => `${address} is closed`,
        20_000,
      ),
    async holdFromServer(address, frame) {
      await upgradedTo(address);
      holding = frame;
    },
    release() {
      holding = null;
      for (const [socket, message] of held.splice(0)) socket.send(message);
    },
  };
}
