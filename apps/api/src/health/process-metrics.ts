import {
  PerformanceObserver,
  constants,
  monitorEventLoopDelay,
  type IntervalHistogram,
  type PerformanceEntry,
} from 'node:perf_hooks';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { registerProcessGauges } from './process-gauges';

/** The GC kinds Node reports, as prom-client names them. */
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
/** The event loop's delay is sampled this often (ms), as prom-client's default does. */
const LOOP_DELAY_RESOLUTION_MS = 10;
const NS_PER_SECOND = 1e9;

/**
 * This process's own metrics (CPU, memory, event loop, garbage collection, open files), under the
 * names prom-client's `collectDefaultMetrics` gives them, so dashboards made for Node.js read them.
 * This class owns the two that run between scrapes; process-gauges.ts has those read at a scrape.
 *
 * Why not `collectDefaultMetrics` itself: nothing stops its GC observer, which stays registered with
 * Node and keeps the app's registry and its realm: a process that starts and closes apps (a test
 * worker) kept every one (.ci/run, beside the Jest step). Nor its event-loop histogram, which kept
 * sampling for a closed app. Here both stop when the app closes.
 */
export class ProcessMetrics {
  private readonly loopDelay: IntervalHistogram;
  private readonly gcObserver: PerformanceObserver;

  constructor(registry: Registry) {
    const registers = [registry];
    this.loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
    this.loopDelay.enable();

    registerProcessGauges(registers);
    this.loopDelayGauges(registers);
    const gcDuration = new Histogram({
      name: 'nodejs_gc_duration_seconds',
      help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
      labelNames: ['kind'] as const,
      buckets: [0.001, 0.01, 0.1, 1, 2, 5],
      registers,
    });
    this.gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
        const kind = GC_KINDS[detail?.kind ?? -1] ?? 'unknown';
        gcDuration.observe({ kind }, entry.duration / 1000);
      }
    });
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  /** Stops the event loop's sampling and the GC observer: nothing of this app outlives it. */
  stop(): void {
    this.loopDelay.disable();
    this.gcObserver.disconnect();
  }

  /**
   * The event loop's delay over the window since the last scrape, then the delay of one turn of the
   * loop at the scrape. The first gauge reads the window for all of them and starts the next window,
   * synchronously: a scrape starts every metric's collection in the order they were registered.
   */
  private loopDelayGauges(registers: Registry[]): void {
    const loopDelay = this.loopDelay;
    const statistics: [string, string, (histogram: IntervalHistogram) => number][] = [
      ['min', 'The minimum recorded event loop delay.', (histogram) => histogram.min],
      ['max', 'The maximum recorded event loop delay.', (histogram) => histogram.max],
      ['mean', 'The mean of the recorded event loop delays.', (histogram) => histogram.mean],
      [
        'stddev',
        'The standard deviation of the recorded event loop delays.',
        (histogram) => histogram.stddev,
      ],
      [
        'p50',
        'The 50th percentile of the recorded event loop delays.',
        (histogram) => histogram.percentile(50),
      ],
      [
        'p90',
        'The 90th percentile of the recorded event loop delays.',
        (histogram) => histogram.percentile(90),
      ],
      [
        'p99',
        'The 99th percentile of the recorded event loop delays.',
        (histogram) => histogram.percentile(99),
      ],
    ];
    new Gauge({
      name: 'nodejs_eventloop_lag_seconds',
      help: 'Lag of event loop in seconds.',
      registers,
      async collect() {
        for (const { read, gauge } of windowGauges) {
          // A window with no sample yet (a scrape within 10 ms of the last) reads NaN, and 9.2e18
          // for its min. prom-client reports those; 0 keeps a reader's maximum and sums meaningful.
          gauge.set(loopDelay.count > 0 ? read(loopDelay) / NS_PER_SECOND : 0);
        }
        loopDelay.reset();
        const started = process.hrtime.bigint();
        await new Promise((resolve) => setImmediate(resolve));
        this.set(Number(process.hrtime.bigint() - started) / NS_PER_SECOND);
      },
    });
    const windowGauges = statistics.map(([statistic, help, read]) => ({
      read,
      gauge: new Gauge({ name: `nodejs_eventloop_lag_${statistic}_seconds`, help, registers }),
    }));
  }
}
