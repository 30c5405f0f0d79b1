import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SignedUpUser } from '../../../api/test/support/factories';
import { startTestApp, type TestApp } from '../../../api/test/support/test-app';
import { launchBrowser, type LaunchOptions } from './browser';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 800 };

/**
 * A fresh person in their own browser context (own cookies), signed up with the time zone their
 * device reports. Close the returned context when the test is done.
 */
export async function signedUpMember(
  browser: Browser,
  baseUrl: string,
  displayName: string,
  timezoneId: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, timezoneId, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signup`);
  const handle = displayName.split(' ')[0]!.toLowerCase();
  await page.getByLabel('Email').fill(`${handle}-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('Display name').fill(displayName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText(displayName).first().waitFor();
  return { context, page };
}

/** What a person in `timeZone` reads on the clock at `instant`, e.g. "04:30". */
export function clockIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** The calendar day in `timeZone` at `instant`, as a date input wants it: "2026-11-27". */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Nothing on a phone-sized screen may be wider than the screen. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  // A string, because these tests compile without the DOM's types.
  const [scrollWidth, innerWidth] = (await page.evaluate(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  )) as [number, number];
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

export interface MemberStage {
  readonly server: TestApp;
  readonly browser: Browser;
  /** A new member in their own browser context, closed when the test ends. */
  aMember(displayName: string, timezoneId: string): Promise<Page>;
  /**
   * A page signed in as a user made through the API (their session cookie), in a context of its
   * own, closed when the test ends.
   */
  signedIn(user: SignedUpUser, viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * Starts the real server and Debian's Chromium for the enclosing `describe` block and closes both
 * after it. `env` holds app settings such as ADMIN_EMAILS. The members a test brings in leave when
 * it ends: their contexts close after each test (a failing test's pages are saved before that).
 * A room page left open costs CPU beside every later test of the file (its clock changes every
 * second, and its call and socket keep running), so members leave with their test.
 */
export function memberStage(launch: LaunchOptions = {}, env: Record<string, string> = {}): MemberStage {
  let server: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const closeContexts = () => Promise.all(contexts.splice(0).map((context) => context.close()));
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestApp(env), launchBrowser(launch)]);
  });
  afterEach(closeContexts);
  afterAll(async () => {
    await closeContexts();
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    async aMember(displayName, timezoneId) {
      const { context, page } = await signedUpMember(browser!, server!.url, displayName, timezoneId);
      contexts.push(context);
      return page;
    },
    async signedIn(user, viewport = DESKTOP) {
      const context = await browser!.newContext({ viewport, locale: 'en-GB' });
      contexts.push(context);
      await context.addCookies([{ name: 'mockboard_session', value: user.accessToken, url: server!.url }]);
      return context.newPage();
    },
  };
}
