import { readFileSync, readdirSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The process metrics read at each scrape and holding nothing between scrapes (CPU, memory, heap
 * spaces, open files, active resources, version), named as prom-client's `collectDefaultMetrics`
 * names them. The Linux-only ones (virtual memory, data segment, file descriptors) read /proc and are
 * left out where there is none. Of prom-client's set, only nodejs_active_handles and
 * nodejs_active_requests are missing: Node gives them through undocumented calls, and
 * nodejs_active_resources (public, `process.getActiveResourcesInfo`) counts both.
 */
export function registerProcessGauges(registers: Registry[]): void {
  cpuSecondsCounters(registers);
  new Gauge({
    name: 'process_start_time_seconds',
    help: 'Start time of the process since unix epoch in seconds.',
    registers,
  }).set(Math.round(Date.now() / 1000 - process.uptime()));
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

/** Each counter adds the CPU time spent since its last scrape. */
function cpuSecondsCounters(registers: Registry[]): void {
  const counter = (name: string, help: string, read: (usage: NodeJS.CpuUsage) => number): void => {
    let reportedMicros = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const micros = read(process.cpuUsage());
        this.inc((micros - reportedMicros) / 1e6);
        reportedMicros = micros;
      },
    });
  };
  counter('process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.', (usage) => usage.user);
  counter(
    'process_cpu_system_seconds_total',
    'Total system CPU time spent in seconds.',
    (usage) => usage.system,
  );
  counter(
    'process_cpu_seconds_total',
    'Total user and system CPU time spent in seconds.',
    (usage) => usage.user + usage.system,
  );
}

function memoryGauges(registers: Registry[]): void {
  const gauge = (name: string, help: string, read: (usage: NodeJS.MemoryUsage) => number): void => {
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read(process.memoryUsage()));
      },
    });
  };
  gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', (usage) => usage.rss);
  gauge(
    'nodejs_heap_size_total_bytes',
    'Process heap size from Node.js in bytes.',
    (usage) => usage.heapTotal,
  );
  gauge(
    'nodejs_heap_size_used_bytes',
    'Process heap size used from Node.js in bytes.',
    (usage) => usage.heapUsed,
  );
  gauge('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', (usage) => usage.external);
}

/** Each of V8's heap spaces (new, old, code, large objects, …) by its short name. */
function heapSpaceGauges(registers: Registry[]): void {
  const gauge = (measure: string, read: (space: HeapSpace) => number): void => {
    new Gauge({
      name: `nodejs_heap_space_size_${measure}_bytes`,
      help: `Process heap space size ${measure} from Node.js in bytes.`,
      labelNames: ['space'] as const,
      registers,
      collect() {
        for (const space of getHeapSpaceStatistics()) {
          this.set({ space: space.space_name.replace(/_space$/, '') }, read(space));
        }
      },
    });
  };
  gauge('total', (space) => space.space_size);
  gauge('used', (space) => space.space_used_size);
  gauge('available', (space) => space.space_available_size);
}
type HeapSpace = ReturnType<typeof getHeapSpaceStatistics>[number];

function procGauges(registers: Registry[]): void {
  /** A size from /proc/self/status ("VmSize:   123456 kB"), in bytes. */
  const statusBytes = (field: string): number => {
    const match = new RegExp(`^${field}:\\s*(\\d+) kB$`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  };
  new Gauge({
    name: 'process_virtual_memory_bytes',
    help: 'Virtual memory size in bytes.',
    registers,
    collect() {
      this.set(statusBytes('VmSize'));
    },
  });
  new Gauge({
    name: 'process_heap_bytes',
    help: 'Process heap size in bytes.',
    registers,
    collect() {
      this.set(statusBytes('VmData'));
    },
  });
  new Gauge({
    name: 'process_open_fds',
    help: 'Number of open file descriptors.',
    registers,
    collect() {
      this.set(readdirSync('/proc/self/fd').length - 1); // less the one the listing itself held
    },
  });
  const openFilesLimit = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  if (openFilesLimit) {
    new Gauge({
      name: 'process_max_fds',
      help: 'Maximum number of open file descriptors.',
      registers,
    }).set(Number(openFilesLimit[1]));
  }
}

/** What keeps the event loop alive (sockets, timers, file requests), by type and in all. */
function activeResourceGauges(registers: Registry[]): void {
  new Gauge({
    name: 'nodejs_active_resources',
    help: 'Number of active resources that are currently keeping the event loop alive, grouped by async resource type.',
    labelNames: ['type'] as const,
    registers,
    collect() {
      const counts = new Map<string, number>();
      for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
      // A type with none left reads 0, not its last count.
      this.reset();
      for (const [type, count] of counts) this.set({ type }, count);
    },
  });
  new Gauge({
    name: 'nodejs_active_resources_total',
    help: 'Total number of active resources.',
    registers,
    collect() {
      this.set(process.getActiveResourcesInfo().length);
    },
  });
}

function readsProc(): boolean {
  try {
    readFileSync('/proc/self/status');
    readFileSync('/proc/self/limits');
    return true;
  } catch {
    return false;
  }
}
