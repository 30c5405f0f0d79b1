import { convergenceRun } from './support/convergence-run';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Which seeds to run: CONVERGENCE_SEED=1234 replays one, CONVERGENCE_SEEDS=500 runs seeds 1..500
 * (locally, for hours of coverage), and CI runs the first few dozen. CONVERGENCE_OPS lengthens each run.
 */
function seedsToRun(env: NodeJS.ProcessEnv): number[] {
  if (env.CONVERGENCE_SEED) return [positive('CONVERGENCE_SEED', env.CONVERGENCE_SEED)];
  const count = env.CONVERGENCE_SEEDS ? positive('CONVERGENCE_SEEDS', env.CONVERGENCE_SEEDS) : DEFAULT_SEEDS;
  return Array.from({ length: count }, (_, i) => i + 1);
}

function positive(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1)
    throw new Error(`${name} must be a positive integer, not "${value}"`);
  return parsed;
}

/**
 * 24 seeds of 20 steps: under a second of CPU each on the embedded database (sign-ups, five joins,
 * the writes), so the file stays well within a minute on a 2-core machine. Before the join fix,
 * 6 of these 24 diverged on PostgreSQL (10 of 24 at 30 steps).
 */
const DEFAULT_SEEDS = 24;
const DEFAULT_OPS = 20;
const SEEDS = seedsToRun(process.env);
const OPS = process.env.CONVERGENCE_OPS
  ? positive('CONVERGENCE_OPS', process.env.CONVERGENCE_OPS)
  : DEFAULT_OPS;

describe('the live room under random edits and dropped connections', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server?.close());

  // One seed after another: run concurrently (5 at a time) they took six times as long in all on
  // the embedded database, each run's writes queueing behind the others'.
  it.each(SEEDS)(
    'seed %i: every tab, a fresh joiner and the stored rows end with the same scene',
    async (seed) => {
      const { summary, differences } = await convergenceRun(server, seed, OPS);
      if (differences.length > 0)
        throw new Error(
          `The room diverged in ${summary}; replay with CONVERGENCE_SEED=${seed}` +
            (OPS === DEFAULT_OPS ? '' : ` CONVERGENCE_OPS=${OPS}`) +
            `\n${differences.join('\n')}`,
        );
    },
    60_000,
  );
});
