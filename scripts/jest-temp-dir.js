/**
 * Where the tests keep their temporary files: in memory when the machine has /dev/shm.
 *
 * Every test app copies a migrated embedded database (41 MB, about 1,160 files) into a temp
 * folder. It works in that copy and deletes it at the end. Chromium's profiles and the server
 * processes' data folders go there too. On CI's VM, /tmp is ext4 mounted with `discard`: one
 * copy cost 0.4–1.1 s of system CPU there, against 0.03 s in /dev/shm (tmpfs). A test app's
 * start went from about 2.1 s to 1.1 s (measured on 4 Dec 2026).
 *
 * jest.config.js calls useMemoryTempDir() before the workers start, so they inherit TMPDIR. Each
 * run gets a folder of its own, named with the pid of the Jest process. The run's global teardown
 * (this module's export) deletes it. A run that was killed leaves its folder behind; the next run
 * deletes it, because its pid is gone. The migrated templates (embedded-template.ts) are kept
 * between runs, in a folder of their own under /dev/shm.
 *
 * A TMPDIR the caller set is kept as it is.
 */
const { accessSync, constants, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const MEMORY = '/dev/shm';
const RUN_PREFIX = 'mockboard-jest-';
const RUN_FOLDER = new RegExp(`^${RUN_PREFIX}(\\d+)-`);

function useMemoryTempDir() {
  if (process.env.TMPDIR || !writable(MEMORY)) return;
  removeFoldersOfEndedRuns();
  const folder = mkdtempSync(join(MEMORY, `${RUN_PREFIX}${process.pid}-`));
  process.env.MOCKBOARD_TEST_TMPDIR = folder;
  process.env.TMPDIR = folder;
  process.env.MOCKBOARD_TEST_TEMPLATES ??= join(MEMORY, 'mockboard-test-templates');
}

/** Jest's globalTeardown: deletes this run's folder (only one useMemoryTempDir made). */
async function removeRunFolder() {
  const folder = process.env.MOCKBOARD_TEST_TMPDIR;
  if (folder && folder.startsWith(join(MEMORY, RUN_PREFIX))) rmSync(folder, { recursive: true, force: true });
}

function removeFoldersOfEndedRuns() {
  for (const name of readdirSync(MEMORY)) {
    const pid = Number(RUN_FOLDER.exec(name)?.[1]);
    if (pid && !isRunning(pid)) rmSync(join(MEMORY, name), { recursive: true, force: true });
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error.code === 'EPERM';
  }
}

function writable(folder) {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

module.exports = removeRunFolder;
module.exports.useMemoryTempDir = useMemoryTempDir;
