/**
 * One Jest run for the whole repository, in three projects (four in CI):
 *   libs: pure unit tests beside the code;
 *   api:  API, socket and process tests against a real database (embedded, or DATABASE_URL);
 *   api-postgres: in CI, the same API tests again on PostgreSQL (see below);
 *   e2e:  browser tests with playwright-core driving Debian's Chromium.
 * TypeScript is transpiled per file here; `npm run typecheck` does the type checking. ts-jest
 * transpiles without type checking because the base tsconfig sets isolatedModules.
 * Workers: Jest's default (cores - 1, so one on a 2-core machine). CI asks for two (.ci/run), and
 * with API_TESTS_ALSO_ON_POSTGRES set adds a fourth project, the API tests again on that
 * PostgreSQL, to the same run: most API tests keep one core busy (Nest, PGlite and the clients
 * share the worker's one thread), so the second worker mostly uses a core a serial run leaves idle.
 * On a quiet 2-core machine four API files on both databases took 79 s on one worker and 47 s on
 * two; two browser files took 57 s and 54 s (Chromium and the server already fill both cores).
 * Node: `npm run test:jest` starts Jest, and so its workers, with V8's semi-spaces (where new
 * objects are made, until the scavenger copies out the survivors) allowed to grow to 32 MB, not 16.
 * Each test file loads the app's modules afresh and starts apps, so it allocates a lot of
 * short-lived objects; the garbage collector took a tenth of an API file's CPU, and four API files
 * in one process took 8 % less CPU (35.5 s against 38.7 s, three runs each; 64 MB and 128 MB
 * gained less).
 */
const { useMemoryTempDir } = require('./scripts/jest-temp-dir');

// Test apps copy their database into the temp folder: in memory it costs a tenth (scripts/jest-temp-dir.js).
useMemoryTempDir();

const libs = ['call', 'collab', 'contracts', 'diagrams', 'prompts', 'rubric', 'schedule', 'scene'];
const moduleNameMapper = Object.fromEntries(
  libs.map((lib) => [`^@mockboard/${lib}$`, `<rootDir>/libs/${lib}/src`]),
);
const transform = (tsconfig) => ({ '^.+\\.tsx?$': ['ts-jest', { tsconfig }] });
/**
 * For the projects whose apps open an embedded database: PGlite's CommonJS files go through
 * scripts/jest-builtin-imports.js, so Jest runs without Node's --experimental-vm-modules (that file
 * says why); the rest of node_modules is loaded as it is.
 */
const withPglite = (tsconfig) => ({
  transform: {
    ...transform(tsconfig),
    '/node_modules/@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/scripts/jest-builtin-imports.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/dist/)'],
});

const api = {
  displayName: 'api',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/apps/api/test/**/*.test.ts'],
  moduleNameMapper,
  ...withPglite('<rootDir>/apps/api/tsconfig.json'),
};
/**
 * Files that choose their database themselves (always PostgreSQL at DATABASE_URL or CI's local one,
 * always an embedded one, or none): on CI's PostgreSQL they would run a second time unchanged,
 * about 80 s of CI's wall time.
 */
const ownDatabaseFiles = [
  'embedded-lock',
  'calendar-deadlock',
  'slot-booking-locks',
  'mail-crash',
  'multi-instance',
  'instance-loss',
  'room-slow-peer-instances',
  'session-mail-instances',
  'docker-compose',
  'docker-compose-scale',
  'scene-writer-thread',
  'prepared-statements',
];
/** Specs beside the code that always use PostgreSQL (SUITE_POSTGRES), whichever pass runs them. */
const ownDatabaseSpecs = [
  '<rootDir>/apps/api/src/database/connection-options\\.spec\\.ts$',
  '<rootDir>/apps/api/src/database/data-source\\.spec\\.ts$',
];
/**
 * Files whose subject never reaches the database: HTTP headers and origins (deploy-safety,
 * origin-check; their apps start on whichever database, but what they check is the same on both)
 * the embedded data directory's lock, the socket cap's spec (a bare socket.io server) and the
 * process metrics' spec. About 40 s of worker time in a CI rehearsal (3 Dec).
 */
const databaseFreeFiles = [
  '<rootDir>/apps/api/test/deploy-safety\\.test\\.ts$',
  '<rootDir>/apps/api/test/origin-check\\.test\\.ts$',
  '<rootDir>/apps/api/src/database/data-dir-lock\\.spec\\.ts$',
  '<rootDir>/apps/api/src/realtime/user-socket-cap\\.spec\\.ts$',
  '<rootDir>/apps/api/src/health/process-metrics\\.spec\\.ts$',
];
// The same files with DATABASE_URL set to this URL in each file's environment (on-postgres.ts).
const apiOnPostgres = process.env.API_TESTS_ALSO_ON_POSTGRES
  ? [
      {
        ...api,
        displayName: 'api-postgres',
        setupFiles: ['<rootDir>/apps/api/test/support/on-postgres.ts'],
        testPathIgnorePatterns: [
          '/node_modules/',
          ...ownDatabaseFiles.map((name) => `<rootDir>/apps/api/test/${name}\\.test\\.ts$`),
          ...ownDatabaseSpecs,
          ...databaseFreeFiles,
        ],
      },
    ]
  : [];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  // The files run one after another in a worker process that is replaced once it holds more than this
  // after a file. Run in band (Jest's choice for one worker), the whole suite's leftovers (Nest apps,
  // embedded databases, socket clients that files leave to the garbage collector) piled up in one
  // process: at 131 files CI's run died of "JavaScript heap out of memory" near 4.7 GB.
  workerIdleMemoryLimit: '2GB',
  // Jest's default grace for a worker to end is 500 ms; a worker that held 1.7 GB needed more, and
  // Jest then killed it and warned that tests leak. Workers no longer grow like that (.ci/run, beside
  // the Jest step, says why they did), but a busy machine's teardown should not read as a leak.
  workerGracefulExitTimeout: 5_000,
  globalTeardown: '<rootDir>/scripts/jest-temp-dir.js',
  projects: [
    {
      displayName: 'libs',
      testEnvironment: 'node',
      // The web app's pure modules (e.g. the call's words, the video tile's position) and its build's
      // own steps are tested beside them too.
      testMatch: [
        '<rootDir>/libs/*/src/**/*.spec.ts',
        '<rootDir>/apps/web/src/**/*.spec.ts',
        '<rootDir>/apps/web/build/**/*.spec.ts',
      ],
      moduleNameMapper,
      transform: transform('<rootDir>/tsconfig.json'),
    },
    api,
    ...apiOnPostgres,
    {
      displayName: 'e2e',
      // A stage starts a server and Chromium at once; on a busy 2-core machine that alone came
      // close to a minute (before test apps copied a migrated template database).
      testTimeout: 120_000,
      testMatch: ['<rootDir>/apps/web/e2e/**/*.test.ts'],
      // A failing test first saves its open pages (screenshot, URL, console errors) to
      // test-artifacts/e2e/failures/, before its after-hooks close the browser.
      testEnvironment: '<rootDir>/apps/web/e2e/support/failure-environment.ts',
      moduleNameMapper,
      ...withPglite('<rootDir>/apps/web/e2e/tsconfig.json'),
    },
  ],
};
