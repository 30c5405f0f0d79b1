import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
