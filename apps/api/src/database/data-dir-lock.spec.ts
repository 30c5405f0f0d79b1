import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ABANDONED_AFTER_MS, HEARTBEAT_MS, lockDataDir } from './data-dir-lock';
import { currentProcess, identityOf } from './process-identity';

describe('the embedded data directory lock', () => {
  let root: string;
  let dataDir: string;
  let lockFile: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mockboard-lock-'));
    dataDir = join(root, 'pglite');
    lockFile = `${dataDir}.lock`;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A lock file as another process would have written it. */
  const aLockOf = (fields: Record<string, unknown>) =>
    writeFileSync(
      lockFile,
      JSON.stringify({
        ...currentProcess(),
        command: 'node apps/api/dist/main.js',
        since: new Date().toISOString(),
        token: 'theirs',
        ...fields,
      }),
    );
  const anEndedPid = () => spawnSync(process.execPath, ['-e', '']).pid;

  it('writes who holds it and removes the file on release', () => {
    const lock = lockDataDir(dataDir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({
      pid: process.pid,
      command: expect.stringMatching(/^node /),
    });
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
    lock.release();
  });

  it('refuses a second opener in the same process until the first releases', () => {
    const first = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(/in use by this very process/);
    first.release();
    lockDataDir(dataDir).release();
  });

  it('refuses a live holder, naming its pid, command and start, with what to do', async () => {
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      await new Promise((resolve) => holder.once('spawn', resolve));
      aLockOf({ ...identityOf(holder.pid!) });
      expect(() => lockDataDir(dataDir)).toThrow(
        new RegExp(
          `in use by process ${holder.pid} \\(node apps/api/dist/main\\.js, since \\d\\d:\\d\\d\\)\\..*set DATABASE_URL`,
          's',
        ),
      );
      expect(readFileSync(lockFile, 'utf8')).toContain('"theirs"');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a lock whose process has ended, or whose pid now names another process', () => {
    aLockOf({ pid: anEndedPid() });
    lockDataDir(dataDir).release();

    aLockOf({ startTicks: '1' }); // our pid, but a process that started at another moment
    lockDataDir(dataDir).release();

    aLockOf({ bootId: 'a-boot-before-the-last-restart' });
    lockDataDir(dataDir).release();

    writeFileSync(lockFile, 'not a lock this code wrote');
    lockDataDir(dataDir).release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('refuses a holder it cannot see (another container) while its heartbeat moves', async () => {
    aLockOf({ pid: 1, pidNamespace: 'pid:[1]' });
    // That holder's heartbeat, as a live server in another container would keep it.
    const beating = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); setInterval(() => { const t = new Date(); fs.utimesSync(${JSON.stringify(lockFile)}, t, t); }, 100);`,
    ]);
    try {
      await new Promise((resolve) => beating.once('spawn', resolve));
      expect(() => lockDataDir(dataDir)).toThrow(
        /process 1 \(.*in another container\)\..*delete .*pglite\.lock/s,
      );
    } finally {
      beating.kill('SIGKILL');
    }
  });

  it('takes over a lock from another container whose heartbeat stopped (a container killed and restarted)', () => {
    aLockOf({ pid: 1, pidNamespace: 'pid:[1]' });
    const lastBeat = new Date(Date.now() - ABANDONED_AFTER_MS - 1_000);
    utimesSync(lockFile, lastBeat, lastBeat);
    lockDataDir(dataDir).release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('keeps its own lock file touched while it holds it', async () => {
    const lock = lockDataDir(dataDir);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile, old, old);
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS + 500));
    expect(Date.now() - statSync(lockFile).mtimeMs).toBeLessThan(HEARTBEAT_MS + 500);
    lock.release();
  });

  it('never removes a lock that another process took after ours', () => {
    const lock = lockDataDir(dataDir);
    aLockOf({ pid: anEndedPid(), token: 'a-later-holder' });
    lock.release();
    expect(readFileSync(lockFile, 'utf8')).toContain('a-later-holder');
  });
});
