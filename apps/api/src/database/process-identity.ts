import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Enough about a process to tell later whether that very process still runs. A pid alone is not:
 * pids are reused (after a reboot, or every container's server is pid 1), so on Linux we also keep
 * the boot id, the pid namespace and the process's start time, which together name one process.
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  bootId?: string;
  pidNamespace?: string;
  /** Field 22 of /proc/<pid>/stat: clock ticks from boot to the process's start. */
  startTicks?: string;
}

/**
 * running: that process is alive (on Linux: exactly that one; elsewhere: some process with its pid).
 * gone: it has ended. unknowable: it lives where we cannot look (another machine or container).
 */
export type Liveness = 'running' | 'gone' | 'unknowable';

export function currentProcess(): ProcessIdentity {
  return identityOf(process.pid);
}

/** The identity of a process of this machine that we may inspect (ours, or our children). */
export function identityOf(pid: number): ProcessIdentity {
  return {
    pid,
    host: hostname(),
    bootId: readOrUndefined(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
    pidNamespace: readOrUndefined(() => readlinkSync(`/proc/${pid}/ns/pid`)),
    startTicks: startTicksOf(pid),
  };
}

export function livenessOf(holder: ProcessIdentity): Liveness {
  const me = currentProcess();
  if (me.bootId && holder.bootId) {
    // No process outlives a reboot.
    if (holder.bootId !== me.bootId) return 'gone';
    if (holder.pidNamespace !== me.pidNamespace) return 'unknowable';
    const startTicks = startTicksOf(holder.pid);
    return startTicks !== undefined && startTicks === holder.startTicks ? 'running' : 'gone';
  }
  if (holder.host !== me.host || holder.bootId) return 'unknowable';
  // Without /proc a reused pid looks alive: the safe side (refuse, and say how to clear it).
  return pidExists(holder.pid) ? 'running' : 'gone';
}

/** Whether liveness is exact (pid reuse ruled out) on this machine. */
export function livenessIsExact(): boolean {
  return currentProcess().startTicks !== undefined;
}

function startTicksOf(pid: number): string | undefined {
  return readOrUndefined(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; the fields after its last ")"
    // start at field 3, so field 22 is the 20th of them.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  });
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOrUndefined(read: () => string | undefined): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
