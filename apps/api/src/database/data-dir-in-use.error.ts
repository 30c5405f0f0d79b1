import { isAbsolute, relative, sep } from 'node:path';
import { livenessIsExact, type Liveness, type ProcessIdentity } from './process-identity';

/** What a lock file says about the process holding the embedded data directory. */
export interface LockHolder extends ProcessIdentity {
  /** e.g. "node apps/api/dist/main.js" */
  command: string;
  /** ISO time the holder took the lock. */
  since: string;
  /** Tells our own lock file from one a later holder wrote, so release never removes theirs. */
  token: string;
}

/**
 * A second process wanted the embedded database another one has open. Its message is written for
 * the person at the terminal (who holds it, since when, what to do); it is printed without a stack.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: LockHolder,
    liveness: Exclude<Liveness, 'gone'>,
  ) {
    super(inUseMessage(dataDir, lockFile, holder, liveness));
    this.name = 'DataDirInUseError';
  }
}

function inUseMessage(
  dataDir: string,
  lockFile: string,
  holder: LockHolder,
  liveness: Exclude<Liveness, 'gone'>,
): string {
  const who =
    holder.pid === process.pid && liveness === 'running'
      ? `this very process (${holder.pid})`
      : `process ${holder.pid} (${holder.command}, since ${shortTime(holder.since)}` +
        (liveness === 'unknowable' ? `, on ${holder.host} or in another container)` : ')');
  const unsure =
    liveness === 'unknowable' || !livenessIsExact()
      ? ` If that process is not Mockboard or no longer runs, delete ${shownPath(lockFile)}.`
      : '';
  return (
    `The embedded database in ${shownPath(dataDir)} is in use by ${who}. Two processes on one ` +
    `embedded database would corrupt it. Stop that process first, or set DATABASE_URL to a ` +
    `PostgreSQL server, which several processes can share.${unsure}`
  );
}

/** "10:02" today, "2026-12-01 10:02" another day, in local time (the reader's clock). */
function shortTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const today = new Date();
  return at.toDateString() === today.toDateString()
    ? time
    : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

/** "./.data/pglite" inside the working directory, the absolute path elsewhere. */
function shownPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? `.${sep}${inside}` : path;
}
