import { Registry } from 'prom-client';
import { collectGarbage, isCollected } from '../../test/support/garbage';
import { ProcessMetrics } from './process-metrics';

/** The value of an unlabelled sample (or the first with these labels) in Prometheus' text format. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((row) => row.startsWith(`${name}${labels} `));
  if (line === undefined) throw new Error(`no ${name}${labels} in:\n${text}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

function blockTheLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose: the loop runs this late
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProcessMetrics', () => {
  let registry: Registry;
  let metrics: ProcessMetrics;
  beforeEach(() => {
    registry = new Registry();
    metrics = new ProcessMetrics(registry);
  });
  afterEach(() => metrics.stop());

  it("reports the process's CPU, memory and open files under the names Node.js dashboards read", async () => {
    const pendingTimer = setTimeout(() => undefined, 60_000);
    const before = process.cpuUsage();
    const text = await registry.metrics();
    const after = process.cpuUsage();
    clearTimeout(pendingTimer);

    // The process's CPU time since it started, read once for all three.
    const user = sample(text, 'process_cpu_user_seconds_total');
    const system = sample(text, 'process_cpu_system_seconds_total');
    expect(user).toBeGreaterThanOrEqual(before.user / 1e6);
    expect(user).toBeLessThanOrEqual(after.user / 1e6);
    expect(system).toBeGreaterThanOrEqual(before.system / 1e6);
    expect(system).toBeLessThanOrEqual(after.system / 1e6);
    expect(sample(text, 'process_cpu_seconds_total')).toBeCloseTo(user + system, 6);
    const heapUsed = sample(text, 'nodejs_heap_size_used_bytes');
    expect(heapUsed).toBeGreaterThan(1_000_000);
    expect(sample(text, 'nodejs_heap_size_total_bytes')).toBeGreaterThanOrEqual(heapUsed);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(heapUsed);
    expect(sample(text, 'nodejs_external_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'process_virtual_memory_bytes')).toBeGreaterThan(
      sample(text, 'process_resident_memory_bytes'),
    );
    expect(sample(text, 'process_heap_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_space_size_used_bytes', '{space="old"}')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_space_size_total_bytes', '{space="new"}')).toBeGreaterThan(0);
    expect(sample(text, 'process_open_fds')).toBeGreaterThan(2);
    expect(sample(text, 'process_max_fds')).toBeGreaterThan(sample(text, 'process_open_fds'));
    const timers = sample(text, 'nodejs_active_resources', '{type="Timeout"}');
    expect(timers).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_active_resources_total')).toBeGreaterThanOrEqual(timers);
    const startedAt = Date.now() / 1000 - process.uptime();
    expect(Math.abs(sample(text, 'process_start_time_seconds') - startedAt)).toBeLessThan(2);
    expect(text).toContain(`nodejs_version_info{version="${process.version}"`);

    // Counters only grow: the next scrape adds the CPU spent since this one.
    blockTheLoop(30);
    const later = await registry.metrics();
    expect(sample(later, 'process_cpu_user_seconds_total')).toBeGreaterThan(user);
  });

  it("reports how late the event loop ran since the last scrape, and the next scrape's window starts afresh", async () => {
    await registry.metrics();
    await wait(30); // the histogram samples the loop every 10 ms
    blockTheLoop(300);
    await wait(30);
    const blocked = await registry.metrics();
    const blockedMax = sample(blocked, 'nodejs_eventloop_lag_max_seconds');
    expect(blockedMax).toBeGreaterThan(0.29);
    expect(sample(blocked, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0.29);
    expect(sample(blocked, 'nodejs_eventloop_lag_min_seconds')).toBeLessThan(0.29);
    // The delay of one turn of the loop, at the scrape.
    expect(sample(blocked, 'nodejs_eventloop_lag_seconds')).toBeGreaterThan(0);

    await wait(50);
    const quiet = await registry.metrics();
    expect(sample(quiet, 'nodejs_eventloop_lag_max_seconds')).toBeLessThan(blockedMax / 2);
  });

  it('times garbage collections by kind', async () => {
    collectGarbage();
    // Node reports a collection to its observers a turn or two of the loop later.
    let text = '';
    for (let attempt = 0; attempt < 100 && !text.includes('kind="major"'); attempt++) {
      await wait(10);
      text = await registry.metrics();
    }
    expect(sample(text, 'nodejs_gc_duration_seconds_count', '{kind="major"}')).toBeGreaterThan(0);
  });

  it('leaves nothing behind once stopped: a closed app can be collected with all it held', async () => {
    const ref = ((): WeakRef<Registry> => {
      const appRegistry = new Registry();
      new ProcessMetrics(appRegistry).stop();
      return new WeakRef(appRegistry);
    })();
    expect({ collected: await isCollected(ref) }).toEqual({ collected: true });
  });

  it('stops sampling the event loop once stopped', async () => {
    metrics.stop();
    await registry.metrics(); // starts a window
    await wait(50); // five of the histogram's samples, were it still sampling
    const text = await registry.metrics();
    expect(sample(text, 'nodejs_eventloop_lag_max_seconds')).toBe(0);
  });
});
