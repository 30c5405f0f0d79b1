import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Route, type WebSocketRoute } from 'playwright-core';
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
   * Waits until a websocket whose address matches `upgraded` is open (socket.io starts on long
   * polling, and a poll already waiting would outlive the cut by up to 25 s), then closes every
   * socket.io websocket of the page and refuses new connections until restored.
   */
  cut(upgraded: RegExp): Promise<void>;
  restore(): Promise<void>;
}

const SOCKET_IO = /\/socket\.io\//;

/** Routes `page`'s socket.io connections through the test; to be set up before the page opens them. */
export async function socketIoLine(page: Page): Promise<SocketIoLine> {
  const routed = new Set<WebSocketRoute>();
  const open = new Set<string>();
  page.on('websocket', (socket) => {
    open.add(socket.url());
    socket.on('close', () => open.delete(socket.url()));
  });
  let down = false;
  await page.routeWebSocket(SOCKET_IO, (socket) => {
    if (down) {
      void socket.close();
      return;
    }
    routed.add(socket);
    // Passed through both ways as they are (Playwright forwards once connected).
    socket.connectToServer();
  });
  const refuse = (route: Route) => route.abort('internetdisconnected');
  return {
    async cut(upgraded) {
      const deadline = Date.now() + 10_000;
      while (![...open].some((url) => upgraded.test(url))) {
        if (Date.now() > deadline) throw new Error(`No websocket matching ${upgraded} opened`);
        await page.waitForTimeout(50);
      }
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
  };
}
