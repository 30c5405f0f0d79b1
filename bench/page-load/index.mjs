// Opening the live room in Debian's Chromium: the bytes it downloads and the time until the board is
// connected, with the build's compressed copies (what every browser gets) against the files as
// built (the same page, the browser offering no encoding), on a home connection and on loopback.
// It measures apps/web/dist as it is: build it first (npm run build:web).
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import {
  benchDatabaseUrl,
  dropSchema,
  freshSchemaName,
  keepBtreeGistInPublic,
  schemaPool,
} from '../lib/database.mjs';
import { startServer } from '../lib/server.mjs';
import { fixed, formatTable, ratio, whole } from '../lib/table.mjs';
import { seedRooms, signIn } from '../realtime/seed.mjs';

export const description =
  'opening the room: bytes downloaded and time to a connected board, compressed copies against the files as built';

/** Cold loads per side and network; the sides alternate, so a neighbour's burst hits both alike. */
const LOADS = 5;
/**
 * Chromium's own throttling (DevTools' network conditions). Home: 20 Mbit/s down, 5 up, 40 ms
 * round trip, a common broadband or good 4G line. Loopback: this machine, unthrottled.
 */
const NETWORKS = [
  { name: 'home (20 Mbit/s, 40 ms)', latency: 40, download: 20e6 / 8, upload: 5e6 / 8 },
  { name: 'loopback', latency: 0, download: -1, upload: -1 },
];
const SIDES = [
  { name: 'compressed', headers: {} },
  // The baseline: the same server and page, asked for the files as they are.
  { name: 'as built', headers: { 'Accept-Encoding': 'identity' } },
];
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export async function run({ root, env, onCleanup, log }) {
  const errors = [];
  const databaseUrl = benchDatabaseUrl(env);
  const schema = freshSchemaName();
  const pool = schemaPool(databaseUrl, schema, 2, `${schema}:bench`);
  let server = null;
  let browser = null;
  let cleaned = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await browser?.close().catch(() => undefined);
      await server?.stop();
      await pool.end();
      await dropSchema(databaseUrl, schema);
    })());
  onCleanup(cleanup);

  const rows = [];
  try {
    await keepBtreeGistInPublic(databaseUrl);
    server = startServer({ root, databaseUrl, schema });
    const url = await server.ready;
    const [room] = await seedRooms(pool, { root, rooms: 1 });
    await signIn(url, [room]);
    browser = await chromium.launch({
      executablePath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_FLAGS,
    });
    const roomUrl = `${url}/sessions/${room.sessionId}/room`;
    // One load first, not measured: the server's first answers (the prompt, the scene) warm it.
    await openRoom(browser, roomUrl, room.peers[0].token, NETWORKS[1], SIDES[0]);

    for (const network of NETWORKS) {
      const loads = Object.fromEntries(SIDES.map((side) => [side.name, []]));
      for (let round = 0; round < LOADS; round += 1) {
        for (const side of SIDES) {
          loads[side.name].push(await openRoom(browser, roomUrl, room.peers[0].token, network, side));
        }
      }
      log(`${network.name}: ${LOADS} cold loads a side`);
      for (const side of SIDES)
        rows.push({ network: network.name, side: side.name, ...medianOf(loads[side.name]) });
      // A stale or missing web build has no copies: both sides would measure the same files.
      if (!loads.compressed.every((load) => load.encodings.includes('br'))) {
        errors.push(`${network.name}: no asset came compressed; rebuild the web app (npm run build:web)`);
      }
    }
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  } finally {
    await cleanup();
  }
  if (rows.length) report(rows, log);
  return { errors };
}

/**
 * A cold load in a fresh context (empty cache), signed in as the peer: milliseconds from the
 * navigation to the room saying "Connected" with its board up, the bytes that came over the
 * network (the response bodies as sent, and their size once decoded), and how busy the page's main
 * thread had been by then (Chromium's own counters, read within 50 ms of that moment).
 */
async function openRoom(browser, roomUrl, token, network, side) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addCookies([{ name: 'mockboard_session', value: token, url: new URL(roomUrl).origin }]);
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Performance.enable');
    await devtools.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.latency,
      downloadThroughput: network.download,
      uploadThroughput: network.upload,
    });
    await devtools.send('Network.setExtraHTTPHeaders', { headers: side.headers });
    // Only the app's own files (scripts, styles, fonts): the API's answers vary with timing.
    const appFiles = new Set();
    let transferred = 0;
    let decoded = 0;
    const encodings = new Set();
    devtools.on('Network.responseReceived', ({ requestId, response }) => {
      if (!/\/(assets|fonts)\//.test(new URL(response.url).pathname)) return;
      appFiles.add(requestId);
      const encoding = Object.entries(response.headers).find(
        ([name]) => name.toLowerCase() === 'content-encoding',
      );
      encodings.add(encoding?.[1] ?? 'none');
    });
    devtools.on('Network.dataReceived', ({ requestId, dataLength }) => {
      if (appFiles.has(requestId)) decoded += dataLength;
    });
    devtools.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      if (appFiles.has(requestId)) transferred += encodedDataLength;
    });

    await page.addInitScript(noteWhenTheRoomIsReady);
    await page.goto(roomUrl);
    const ms = await roomReadyAt(page);
    const busy = await mainThreadBusy(devtools);
    return { ms, ...busy, transferred, decoded, encodings: [...encodings].sort().join(', ') };
  } finally {
    await context.close();
  }
}

/**
 * Run in the page from its first script on: notes the moment, in ms from the navigation's start (the
 * page's time origin), when the room says "Connected" and its board is up. The page checks every
 * 5 ms itself: Playwright's own waiting retries at growing intervals (up to 500 ms apart), which put
 * up to half a second of the waiter's rhythm into each load's time and split the loads into a fast
 * and a slow group.
 */
function noteWhenTheRoomIsReady() {
  const ready = () =>
    typeof globalThis.__mockboardScene === 'function' &&
    [...globalThis.document.querySelectorAll('[role="status"]')].some((status) =>
      status.textContent.includes('Connected'),
    );
  const check = () => {
    if (ready()) globalThis.__roomReadyAt = globalThis.performance.now();
    else setTimeout(check, 5);
  };
  check();
}

/**
 * The moment noteWhenTheRoomIsReady noted, read from outside at any pace (it is the page's own clock).
 * Polled from here: the app's CSP has no 'unsafe-eval', which page.waitForFunction would need.
 */
async function roomReadyAt(page) {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const at = await page.evaluate(() => globalThis.__roomReadyAt);
    if (typeof at === 'number') return at;
    if (performance.now() > deadline) throw new Error('The room never showed "Connected" with its board up');
    await page.waitForTimeout(50);
  }
}

/**
 * The page's main thread so far, in ms (Chromium's Performance domain): all its tasks, and within
 * them scripts and the browser's own style and layout work; the rest of a load's time it waited.
 */
async function mainThreadBusy(devtools) {
  const { metrics } = await devtools.send('Performance.getMetrics');
  const ms = (name) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return {
    busyMs: ms('TaskDuration'),
    scriptMs: ms('ScriptDuration'),
    layoutMs: ms('LayoutDuration') + ms('RecalcStyleDuration'),
  };
}

function medianOf(loads) {
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    ms: median(loads.map((load) => load.ms)),
    busyMs: median(loads.map((load) => load.busyMs)),
    scriptMs: median(loads.map((load) => load.scriptMs)),
    layoutMs: median(loads.map((load) => load.layoutMs)),
    transferred: median(loads.map((load) => load.transferred)),
    decoded: median(loads.map((load) => load.decoded)),
    encodings: loads[0].encodings,
  };
}

function report(rows, log) {
  const kib = (bytes) => whole(bytes / 1024);
  log('');
  console.log(
    formatTable(
      [
        { title: 'network', align: 'left' },
        { title: 'assets sent', align: 'left' },
        { title: 'KiB over the wire' },
        { title: 'KiB decoded' },
        { title: 'connected board, ms (median)' },
        { title: 'vs as built' },
        { title: 'main thread busy, ms' },
        { title: 'of which scripts' },
        { title: 'style + layout' },
      ],
      rows.map((row) => {
        const baseline = rows.find((other) => other.network === row.network && other.side === 'as built');
        return [
          row.network,
          `${row.side} (${row.encodings})`,
          kib(row.transferred),
          kib(row.decoded),
          fixed(row.ms, 0),
          ratio(row.ms / baseline.ms),
          fixed(row.busyMs, 0),
          fixed(row.scriptMs, 0),
          fixed(row.layoutMs, 0),
        ];
      }),
    ),
  );
}
