import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { DataDirInUseError, type LockHolder } from './data-dir-in-use.error';
import { currentProcess, livenessOf } from './process-identity';

/**
 * Why a lock file and not an OS lock: Node 20 (our minimum, and the Docker image) has no flock or
 * fcntl lock without a native module. So the lock is a file created atomically (link() fails if it
 * exists) that names its holder; a holder that has ended (see process-identity.ts, which rules out
 * pid reuse on Linux) is taken over, a live one is refused. A holder we cannot inspect (another
 * container on the same volume: a restarted container has a new pid namespace) is judged by its
 * heartbeat instead: every holder touches its lock file every few seconds.
 */
export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

const TAKEOVER_ATTEMPTS = 50;
const TAKEOVER_WAIT_MS = 20;
/** How often a holder touches its lock file, and when an untouched one counts as abandoned. */
export const HEARTBEAT_MS = 5_000;
export const ABANDONED_AFTER_MS = 4 * HEARTBEAT_MS;
const HEARTBEAT_POLL_MS = 250;

/** Lock files this process holds, removed on any exit that still runs JavaScript. */
const held = new Map<string, string>();
let exitHookInstalled = false;
let heartbeat: NodeJS.Timeout | undefined;

/**
 * Takes the lock on an embedded data directory before anything opens it, or throws
 * DataDirInUseError naming the live holder. Two PostgreSQL instances on one directory each trust
 * their own cache and overwrite each other's pages: rows vanish and indexes disagree with tables.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = `${dataDir}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  const me: LockHolder = {
    ...currentProcess(),
    command: commandOfThisProcess(),
    since: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
  };
  const content = JSON.stringify(me, null, 2) + '\n';

  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
    if (createExclusively(file, content)) return holding(file, me.token);
    const current = readLock(file);
    if (current === undefined) continue; // released between our two calls
    const holder = parseHolder(current);
    let liveness = holder ? livenessOf(holder) : 'gone';
    if (liveness === 'unknowable') liveness = heartbeatOf(file);
    if (holder && liveness !== 'gone') throw new DataDirInUseError(dataDir, file, holder, liveness);
    if (!removeIfUnchanged(file, current)) sleep(TAKEOVER_WAIT_MS);
  }
  throw new Error(`Could not take the lock ${file}: other processes keep replacing it`);
}

function holding(file: string, token: string): DataDirLock {
  held.set(file, token);
  heartbeat ??= setInterval(() => {
    const now = new Date();
    for (const lockFile of held.keys()) touch(lockFile, now);
  }, HEARTBEAT_MS).unref();
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const [lockFile, lockToken] of held) removeIfOurs(lockFile, lockToken);
    });
  }
  return {
    file,
    release: () => {
      if (held.get(file) !== token) return;
      held.delete(file);
      removeIfOurs(file, token);
      if (held.size === 0) {
        clearInterval(heartbeat);
        heartbeat = undefined;
      }
    },
  };
}

/**
 * A holder we cannot inspect is alive if its heartbeat moves. A lock untouched for
 * ABANDONED_AFTER_MS is abandoned; a recent one is watched until it either moves (alive) or reaches
 * that age (its holder died: a container killed and restarted comes back on its own this way).
 */
function heartbeatOf(file: string): 'unknowable' | 'gone' {
  const first = modifiedAt(file);
  if (first === undefined) return 'gone';
  for (;;) {
    const now = modifiedAt(file);
    if (now === undefined || Date.now() - now >= ABANDONED_AFTER_MS) return 'gone';
    if (now !== first) return 'unknowable';
    sleep(HEARTBEAT_POLL_MS);
  }
}

function modifiedAt(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function touch(file: string, at: Date): void {
  try {
    utimesSync(file, at, at);
  } catch {
    // Removed under us (deleted by hand): the next start will see no lock, as the person intended.
  }
}

/** Creates `file` with `content` in one step: a reader never sees it empty or half written. */
function createExclusively(file: string, content: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, content, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Removes a stale lock only if it is still the one judged stale, so two processes taking over at
 * once cannot delete the fresh lock the faster one just made. The compare and the unlink run
 * inside a short-lived guard file that only one of them can create.
 */
function removeIfUnchanged(file: string, judged: string): boolean {
  const guard = `${file}.takeover`;
  const me = JSON.stringify(currentProcess());
  if (!createExclusively(guard, me)) {
    // Someone is taking over now; a guard left by a process that died inside it is cleared.
    const guardHolder = parseHolder(readLock(guard) ?? '');
    if (guardHolder && livenessOf(guardHolder) === 'gone') removeFile(guard);
    return false;
  }
  try {
    if (readLock(file) === judged) removeFile(file);
  } finally {
    removeFile(guard);
  }
  return true;
}

function removeIfOurs(file: string, token: string): void {
  const current = readLock(file);
  if (current !== undefined && parseHolder(current)?.token === token) removeFile(file);
}

function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A lock file we cannot read as a holder was not written by this code: nobody holds it. */
function parseHolder(content: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(content) as Partial<LockHolder>;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string'
      ? (holder as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** e.g. "node apps/api/dist/main.js": what a person sees in `ps` and recognises. */
function commandOfThisProcess(): string {
  const script = process.argv[1];
  return script ? `node ${relative(process.cwd(), script) || script}` : 'node';
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
