import { readFileSync, readdirSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The process metrics read at each scrape and holding nothing between scrapes (CPU, memory, heap
 * spaces, open files, active resources, version), named as prom-client's `collectDefaultMetrics`
 * names them. The Linux-only ones (virtual memory, data segment, file descriptors) read /proc and are
 * left out where there is none. Of prom-client's set, nodejs_active_handles, _handles_total,
 * _requests and _requests_total are missing: Node gives them only through undocumented calls;
 * nodejs_active_resources and _resources_total (public, `process.getActiveResourcesInfo`) count both.
 *
 * Each group's first metric reads its source once and sets the others: a scrape collects the metrics
 * in the order they were registered, so the values of one scrape come from one moment. A read that
 * fails (out of file descriptors, say) leaves the group's last values, and the scrape goes on.
 */
export function registerProcessGauges(registers: Registry[]): void {
  cpuSecondsCounters(registers);
  gauge(
    registers,
    'process_start_time_seconds',
    'Start time of the process since unix epoch in seconds.',
  ).set(Math.round(Date.now() / 1000 - process.uptime()));
  memoryGauges(registers);
  heapSpaceGauges(registers);
  if (readsProc()) procGauges(registers);
  activeResourceGauges(registers);
  const [major, minor, patch] = process.versions.node.split('.');
  new Gauge({
    name: 'nodejs_version_info',
    help: 'Node.js version info.',
    labelNames: ['version', 'major', 'minor', 'patch'] as const,
    registers,
  }).set({ version: process.version, major, minor, patch }, 1);
}

/** Runs one group's read; a failing read keeps the group's last values rather than fail the scrape. */
function tolerating(read: () => void): void {
  try {
    read();
  } catch {
    // the next scrape tries again
  }
}

type Collect = () => void;

function gauge(registers: Registry[], name: string, help: string, collect?: Collect): Gauge {
  return new Gauge({ name, help, registers, collect });
}

function cpuSecondsCounters(registers: Registry[]): void {
  const counter = (name: string, help: string, collect?: Collect) =>
    new Counter({ name, help, registers, collect });
  // Node counts the process's CPU time since it started, so each counter is set to it.
  const setTo = (metric: Counter, micros: number) => {
    metric.reset();
    metric.inc(micros / 1e6);
  };
  const user = counter('process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.', () =>
    tolerating(() => {
      const usage = process.cpuUsage();
      setTo(user, usage.user);
      setTo(system, usage.system);
      setTo(total, usage.user + usage.system);
    }),
  );
  const system = counter('process_cpu_system_seconds_total', 'Total system CPU time spent in seconds.');
  const total = counter('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.');
}

function memoryGauges(registers: Registry[]): void {
  const resident = gauge(registers, 'process_resident_memory_bytes', 'Resident memory size in bytes.', () =>
    tolerating(() => {
      const usage = process.memoryUsage();
      resident.set(usage.rss);
      heapTotal.set(usage.heapTotal);
      heapUsed.set(usage.heapUsed);
      external.set(usage.external);
    }),
  );
  const heapTotal = gauge(
    registers,
    'nodejs_heap_size_total_bytes',
    'Process heap size from Node.js in bytes.',
  );
  const heapUsed = gauge(
    registers,
    'nodejs_heap_size_used_bytes',
    'Process heap size used from Node.js in bytes.',
  );
  const external = gauge(registers, 'nodejs_external_memory_bytes', 'Node.js external memory size in bytes.');
}

/** Each of V8's heap spaces (new, old, code, large objects, …) by its short name. */
function heapSpaceGauges(registers: Registry[]): void {
  const bySpace = (measure: string, collect?: Collect) =>
    new Gauge({
      name: `nodejs_heap_space_size_${measure}_bytes`,
      help: `Process heap space size ${measure} from Node.js in bytes.`,
      labelNames: ['space'] as const,
      registers,
      collect,
    });
  const total = bySpace('total', () =>
    tolerating(() => {
      for (const space of getHeapSpaceStatistics()) {
        const labels = { space: space.space_name.replace(/_space$/, '') };
        total.set(labels, space.space_size);
        used.set(labels, space.space_used_size);
        available.set(labels, space.space_available_size);
      }
    }),
  );
  const used = bySpace('used');
  const available = bySpace('available');
}

function procGauges(registers: Registry[]): void {
  const virtual = gauge(registers, 'process_virtual_memory_bytes', 'Virtual memory size in bytes.', () =>
    tolerating(() => {
      const status = readFileSync('/proc/self/status', 'utf8');
      virtual.set(statusBytes(status, 'VmSize'));
      dataSegment.set(statusBytes(status, 'VmData'));
    }),
  );
  const dataSegment = gauge(registers, 'process_heap_bytes', 'Process heap size in bytes.');
  const openFiles = gauge(
    registers,
    'process_open_fds',
    'Number of open file descriptors.',
    () => tolerating(() => openFiles.set(readdirSync('/proc/self/fd').length - 1)), // less the listing's own
  );
  tolerating(() => {
    const limit = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (limit)
      gauge(registers, 'process_max_fds', 'Maximum number of open file descriptors.').set(Number(limit[1]));
  });
}

/** A size from /proc/self/status ("VmSize:   123456 kB"), in bytes. */
function statusBytes(status: string, field: 'VmSize' | 'VmData'): number {
  const match = new RegExp(`^${field}:\\s*(\\d+) kB$`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** What keeps the event loop alive (sockets, timers, file requests), by type and in all. */
function activeResourceGauges(registers: Registry[]): void {
  const byType = new Gauge({
    name: 'nodejs_active_resources',
    help: 'Number of active resources that are currently keeping the event loop alive, grouped by async resource type.',
    labelNames: ['type'] as const,
    registers,
    collect: () =>
      tolerating(() => {
        const resources = process.getActiveResourcesInfo();
        const counts = new Map<string, number>();
        for (const type of resources) counts.set(type, (counts.get(type) ?? 0) + 1);
        // A type with none left is dropped, not left at its last count.
        byType.reset();
        for (const [type, count] of counts) byType.set({ type }, count);
        total.set(resources.length);
      }),
  });
  const total = gauge(registers, 'nodejs_active_resources_total', 'Total number of active resources.');
}

function readsProc(): boolean {
  try {
    readFileSync('/proc/self/status');
    readdirSync('/proc/self/fd');
    return true;
  } catch {
    return false;
  }
}
