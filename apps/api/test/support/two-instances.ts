import { signUp, type SignedUpUser } from './factories';
import { aLiveSession } from './room-client';
import { stageField } from './stage-field';
import { SUITE_POSTGRES } from './suite-postgres';
import { startTestApp, startWithConfig, type TestApp } from './test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Two app instances on one Redis and one PostgreSQL schema, with a live session per test. */
export interface TwoInstanceStage {
  readonly one: TestApp;
  readonly two: TestApp;
  /** Interviews first; signed up on instance one, as the guest. */
  readonly host: SignedUpUser;
  readonly guest: SignedUpUser;
  readonly sessionId: string;
}

/**
 * Starts two in-process instances for the file (one schema for both: these are scale-out tests, not
 * database tests) and, before each test, a host and a guest with a live session between them.
 * Registers its own hooks, so call it at the top of a `describe` and read the fields inside tests.
 */
export function twoInstancesOnRedis(): TwoInstanceStage {
  const ready = <T>(value: T | undefined) => stageField(value, 'two-instance stage');
  let one: TestApp | undefined;
  let two: TestApp | undefined;
  let host: SignedUpUser | undefined;
  let guest: SignedUpUser | undefined;
  let sessionId: string | undefined;

  beforeAll(async () => {
    one = await startTestApp({ REDIS_URL, DATABASE_URL: SUITE_POSTGRES });
    two = await startWithConfig(one.config);
  });
  beforeEach(async () => {
    host = await signUp(ready(one).url);
    guest = await signUp(ready(one).url);
    sessionId = (await aLiveSession(ready(one).url, host, guest)).id;
  });
  afterAll(async () => {
    await two?.app.close();
    await one?.close();
  });

  return {
    get one() {
      return ready(one);
    },
    get two() {
      return ready(two);
    },
    get host() {
      return ready(host);
    },
    get guest() {
      return ready(guest);
    },
    get sessionId() {
      return ready(sessionId);
    },
  };
}
