import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
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

  it('refuses a holder it cannot see (another container), saying which file to delete if it is gone', () => {
    aLockOf({ pid: 1, pidNamespace: 'pid:[1]' });
    expect(() => lockDataDir(dataDir)).toThrow(
      /process 1 \(.*in another container\)\..*delete .*pglite\.lock/s,
    );
  });

  it('never removes a lock that another process took after ours', () => {
    const lock = lockDataDir(dataDir);
    aLockOf({ pid: anEndedPid(), token: 'a-later-holder' });
    lock.release();
    expect(readFileSync(lockFile, 'utf8')).toContain('a-later-holder');
  });
});
