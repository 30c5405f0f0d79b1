import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ON_TEST_FAILURE, type TestFailure } from './test-failure-hook';

const browsers = new Set<Browser>();
const consoleErrors = new WeakMap<Page, string[]>();

/**
 * From now on, a failing test saves every open page of `browser` under `dir`: a full-page
 * screenshot, and the page's URL with the errors its console showed, so a CI failure can be read
 * without running it again.
 */
export function saveArtifactsOnFailure(browser: Browser, dir: string): void {
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  browser.on('context', (context) => context.on('page', recordConsoleErrors));
  (globalThis as Record<string, unknown>)[ON_TEST_FAILURE] = (failure: TestFailure) =>
    saveOpenPages(failure, dir);
}

function recordConsoleErrors(page: Page): void {
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
}

async function saveOpenPages({ testPath, testName }: TestFailure, dir: string): Promise<void> {
  const pages = [...browsers].flatMap((browser) => browser.contexts()).flatMap((context) => context.pages());
  if (pages.length === 0) return;
  const folder = join(dir, `${basename(testPath).replace(/(\.test)?\.ts$/, '')}--${slug(testName)}`);
  mkdirSync(folder, { recursive: true });
  await Promise.all(
    pages.map(async (page, index) => {
      const name = join(folder, `page-${index + 1}`);
      const screenshot = await page
        .screenshot({ path: `${name}.png`, fullPage: true, timeout: 10_000 })
        .then(() => `${basename(name)}.png`)
        .catch((error: Error) => `none (${error.message.split('\n')[0]})`);
      const errors = consoleErrors.get(page) ?? [];
      const report = [
        `test: ${testName}`,
        `url: ${page.url()}`,
        `screenshot: ${screenshot}`,
        'console errors:',
        ...(errors.length === 0 ? ['none'] : errors),
      ];
      await writeFile(`${name}.txt`, `${report.join('\n')}\n`);
    }),
  );
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
}
