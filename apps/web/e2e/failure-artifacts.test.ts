import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode } from '../../api/test/support/server-process';
import { REPO_ROOT } from '../../api/test/support/test-app';

const FIXTURE = 'apps/web/e2e/fixtures/fails-in-browser.fixture.ts';
const FOLDER = 'fails-in-browser.fixture--a-page-that-shows-a-problem-fails-while-the-page-is-open';

describe('a browser test that fails', () => {
  let failuresDir: string;
  beforeEach(() => (failuresDir = mkdtempSync(join(tmpdir(), 'mockboard-failures-'))));
  afterEach(() => rmSync(failuresDir, { recursive: true, force: true }));

  it('leaves a screenshot of its open page, the page URL and its console errors', async () => {
    const jest = runNode(
      join(REPO_ROOT, 'node_modules/jest/bin/jest.js'),
      ['--selectProjects', 'e2e', '--testMatch', `**/${FIXTURE}`],
      {
        E2E_FAILURES_DIR: failuresDir,
        ...(process.env.CHROMIUM_PATH && { CHROMIUM_PATH: process.env.CHROMIUM_PATH }),
      },
    );

    expect(await jest.exited).toBe(1);
    // It failed where the fixture fails on purpose, with its page open, not earlier.
    expect(jest.output()).toContain('Received: "Almost"');
    const png = readFileSync(join(failuresDir, FOLDER, 'page-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const report = readFileSync(join(failuresDir, FOLDER, 'page-1.txt'), 'utf8');
    expect(report).toContain('test: a page that shows a problem › fails while the page is open');
    expect(report).toContain('url: data:text/html,<h1>Almost</h1>');
    expect(report).toContain('console.error: the board is gone');
  });
});
