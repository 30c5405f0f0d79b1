// `npm run screenshots`: the README's screenshots (docs/screenshots/*.png), made again from nothing.
// Starts the built server in this process on a fresh embedded database in a temporary folder, stages
// a few demo people through the real API (and SQL only to move sessions into the past, as the tests
// do), and photographs four screens in Debian's Chromium at 1280x800. Nothing outside
// docs/screenshots/ is touched; the temporary database is removed at the end.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
/* global document, window -- read inside the browser, in page.evaluate callbacks */
import { chromium } from 'playwright-core';
import { io } from 'socket.io-client';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(REPO_ROOT, 'docs/screenshots');
const API_DIST = join(REPO_ROOT, 'apps/api/dist');
const WEB_DIST = join(REPO_ROOT, 'apps/web/dist');
const VIEWPORT = { width: 1280, height: 800 };
/** The same 1280x800 screen with the browser zoomed out to 80%: 1600x1000 CSS pixels. */
const ZOOMED_OUT = { viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 0.8 };
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const PASSWORD = 'practice-makes-perfect';

const require = createRequire(import.meta.url);

async function main() {
  for (const built of [join(API_DIST, 'app.factory.js'), join(WEB_DIST, 'index.html')]) {
    if (!existsSync(built))
      throw new Error(`${relative(REPO_ROOT, built)} is missing: run \`npm run build\` first`);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // The room's call: Chromium's fake camera and microphone, granted without a prompt.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
  try {
    const api = apiOf(server.url);
    const people = await signUpPeople(api);
    await shootPractice(browser, api, people);
    await shootRoom(browser, api, people);
    await shootScorecard(browser, api, people);
    await shootProgress(browser, api, server.dataSource, people);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The built server on a free port of 127.0.0.1, its embedded database in a temporary folder. */
async function startServer() {
  log('Starting the server on a fresh embedded database (creating it takes 20-75 s)…');
  const { createApp } = require(join(API_DIST, 'app.factory.js'));
  const { loadConfig } = require(join(API_DIST, 'config/app-config.js'));
  // The same typeorm the server resolved, so `app.get(DataSource)` finds its provider.
  const { DataSource } = require(require.resolve('typeorm', { paths: [API_DIST] }));
  const dataDir = await mkdtemp(join(tmpdir(), 'mockboard-screenshots-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    PROMPTS_DIR: join(REPO_ROOT, 'prompts'),
    WEB_DIST_DIR: WEB_DIST,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  return {
    url: `http://127.0.0.1:${port}`,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON requests to the server as a signed-up person; a non-2xx answer stops the script. */
function apiOf(baseUrl) {
  const send = async (method, path, person, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(person ? { Authorization: `Bearer ${person.accessToken}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    baseUrl,
    get: (path, person) => send('GET', path, person),
    post: (path, person, body) => send('POST', path, person, body),
    put: (path, person, body) => send('PUT', path, person, body),
  };
}

async function signUpPeople(api) {
  const person = async (displayName, timezone, targetLevel) => {
    const handle = displayName.split(' ')[0].toLowerCase();
    const email = `${handle}-${randomUUID().slice(0, 6)}@demo.mockboard.dev`;
    const body = { email, password: PASSWORD, displayName, timezone, targetLevel };
    return { ...(await api.post('/api/auth/register', undefined, body)), timezone };
  };
  return {
    alex: await person('Alex Morgan', 'Europe/London', 'senior'),
    priya: await person('Priya Raman', 'Asia/Kolkata', 'staff'),
    jordan: await person('Jordan Lee', 'America/New_York', 'senior'),
    marco: await person('Marco Bianchi', 'Europe/Rome', 'mid'),
    mei: await person('Mei Tanaka', 'Asia/Tokyo', undefined),
  };
}

/** A page signed in as `person` (their session cookie), in their own zone, at the README's size. */
async function pageOf(browser, api, person, screen = { viewport: VIEWPORT }) {
  const context = await browser.newContext({ ...screen, timezoneId: person.timezone, locale: 'en-GB' });
  await context.addCookies([{ name: 'mockboard_session', value: person.accessToken, url: api.baseUrl }]);
  return context.newPage();
}

/** Midnight UTC `days` from today plus `hours`: a quarter-hour start, as slots need. */
function dayAt(days, hours) {
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  return new Date(midnight.getTime() + days * DAY + hours * HOUR).toISOString();
}

async function shootPractice(browser, api, { alex, priya, jordan, marco, mei }) {
  const offers = [
    [jordan, { startsAt: dayAt(1, 13), format: 'swap', promptId: 'rate-limiter' }],
    [marco, { startsAt: dayAt(1, 17.5), format: 'single', hostRole: 'candidate' }],
    [mei, { startsAt: dayAt(2, 9), format: 'swap' }],
    [priya, { startsAt: dayAt(2, 14.25), format: 'single', hostRole: 'interviewer', level: 'staff' }],
    [jordan, { startsAt: dayAt(3, 19), format: 'swap', level: 'senior', promptId: 'news-feed' }],
    [marco, { startsAt: dayAt(4, 8), format: 'swap' }],
    [mei, { startsAt: dayAt(5, 11.5), format: 'single', hostRole: 'candidate', durationMinutes: 60 }],
  ];
  for (const [host, body] of offers) await api.post('/api/slots', host, body);

  const page = await pageOf(browser, api, alex);
  await page.goto(`${api.baseUrl}/practice`);
  const week = page.getByRole('region', { name: 'Book a partner' });
  await week
    .locator('.slot-card')
    .nth(offers.length - 1)
    .waitFor();
  await week.evaluate((region) => region.scrollIntoView({ block: 'start' }));
  await shoot(page, 'practice');
  await page.context().close();
}

async function shootRoom(browser, api, { alex, priya }) {
  const slot = await api.post('/api/slots', alex, {
    startsAt: soonStart(),
    format: 'swap',
    promptId: 'url-shortener',
  });
  const session = await api.post(`/api/slots/${slot.id}/book`, priya);
  await drawOnBoard(api.baseUrl, alex, session.id, aUrlShortenerSketch());

  const [a, b] = [await pageOf(browser, api, alex), await pageOf(browser, api, priya)];
  for (const page of [a, b]) {
    await page.goto(`${api.baseUrl}/sessions/${session.id}/room`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  }
  await a.getByText('Call connected').waitFor();
  await b.getByText('Call connected').waitFor();
  const say = async (page, text) => {
    const box = page.getByLabel('Message', { exact: true });
    await box.fill(text);
    await box.press('Enter');
  };
  await say(b, 'Reads outnumber writes ~100:1, so I’d start with the redirect path.');
  const messages = (page) => page.getByRole('list', { name: 'Messages' });
  await messages(a)
    .getByText(/start with the redirect path/)
    .waitFor();
  await say(a, 'Agreed. How would you keep hot short codes fast?');
  await messages(b)
    .getByText(/keep hot short codes fast/)
    .waitFor();
  await messages(a)
    .getByText(/keep hot short codes fast/)
    .waitFor();
  // Excalidraw's "zoom to fit" (Shift+1) frames the whole drawing, from a click on empty board.
  await a.locator('canvas.excalidraw__canvas.interactive').click({ position: { x: 60, y: 300 } });
  await a.keyboard.press('Shift+Digit1');
  await a.waitForTimeout(1_000);
  await shoot(a, 'room');
  await Promise.all([a.context().close(), b.context().close()]);
}

/** The first quarter hour at least 6 minutes ahead: a session whose room is already open. */
function soonStart() {
  const start = new Date(Date.now() + 6 * 60_000);
  start.setUTCSeconds(0, 0);
  start.setUTCMinutes(Math.ceil(start.getUTCMinutes() / 15) * 15);
  return start.toISOString();
}

/** A real socket.io client of `person`: joins the room, sends `elements`, leaves. */
async function drawOnBoard(baseUrl, person, sessionId, elements, { end = false } = {}) {
  const socket = io(baseUrl, {
    auth: { token: person.accessToken },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise((done, fail) => {
    socket.once('connect', done);
    socket.once('connect_error', fail);
  });
  const call = async (event, payload) => {
    const ack = await socket.timeout(10_000).emitWithAck(event, payload);
    if (ack && ack.ok === false) throw new Error(`${event}: ${ack.error.message}`);
    return ack;
  };
  try {
    await call('session:join', { sessionId });
    // An interview ends only once both have been in the room: the partner only joins.
    if (elements.length > 0) await call('scene:update', { sessionId, elements });
    if (end) await call('session:end', { sessionId });
  } finally {
    socket.disconnect();
  }
}

/** Boxes, labels and arrows of a URL shortener's read path, as Excalidraw elements. */
function aUrlShortenerSketch() {
  let count = 0;
  const element = (fields) => {
    count += 1;
    return {
      id: `sketch-${count}-${randomUUID().slice(0, 8)}`,
      angle: 0,
      strokeColor: '#1e1e1e',
      backgroundColor: 'transparent',
      fillStyle: 'solid',
      strokeWidth: 2,
      roughness: 1,
      opacity: 100,
      version: 1,
      versionNonce: Math.floor(Math.random() * 2 ** 31),
      isDeleted: false,
      index: `a${String(count).padStart(2, '0')}`,
      updated: Date.now(),
      ...fields,
    };
  };
  const box = (x, y, width, height, label, backgroundColor) => [
    element({ type: 'rectangle', x, y, width, height, backgroundColor, roundness: { type: 3 } }),
    element({
      type: 'text',
      x: x + 16,
      y: y + height / 2 - 14,
      width: width - 32,
      height: 28,
      text: label,
      originalText: label,
      fontSize: 22,
      fontFamily: 5,
      textAlign: 'center',
      verticalAlign: 'middle',
      lineHeight: 1.25,
    }),
  ];
  const arrow = (x, y, dx, dy) =>
    element({
      type: 'arrow',
      x,
      y,
      width: Math.abs(dx),
      height: Math.abs(dy),
      points: [
        [0, 0],
        [dx, dy],
      ],
      endArrowhead: 'arrow',
    });
  const note = (x, y, text) =>
    element({
      type: 'text',
      x,
      y,
      width: 22 * 0.55 * text.length,
      height: 25,
      text,
      originalText: text,
      fontSize: 20,
      fontFamily: 5,
      strokeColor: '#1971c2',
      textAlign: 'left',
      verticalAlign: 'top',
      lineHeight: 1.25,
    });
  return [
    ...box(0, 120, 160, 80, 'Client', '#e7f5ff'),
    arrow(170, 160, 110, 0),
    ...box(290, 120, 200, 80, 'Load balancer', '#fff9db'),
    arrow(500, 160, 110, 0),
    ...box(620, 120, 200, 80, 'API servers', '#ebfbee'),
    arrow(720, 210, -140, 110),
    arrow(720, 210, 140, 110),
    ...box(460, 330, 200, 80, 'Redis cache', '#fff0f6'),
    ...box(780, 330, 200, 80, 'Postgres', '#f3f0ff'),
    note(0, 20, 'GET /{code} → 301 redirect'),
    note(460, 430, 'hot codes, LRU, 24 h TTL'),
    note(780, 430, 'code → long URL'),
  ];
}

async function shootScorecard(browser, api, { jordan, marco }) {
  const now = { startsAt: 'now', format: 'single', promptPreferences: { promptIds: ['rate-limiter'] } };
  // Whoever waited interviews first: Jordan interviews Marco.
  await api.post('/api/match-requests', jordan, now);
  const paired = await api.post('/api/match-requests', marco, now);
  const sessionId = paired.sessionId;
  await drawOnBoard(api.baseUrl, marco, sessionId, []);
  await drawOnBoard(api.baseUrl, jordan, sessionId, aUrlShortenerSketch(), { end: true });

  const page = await pageOf(browser, api, jordan, ZOOMED_OUT);
  await page.goto(`${api.baseUrl}/sessions/${sessionId}/rounds/1/score`);
  await page.getByRole('heading', { level: 1, name: 'Score Marco Bianchi' }).waitFor();
  const evidence = [
    [3, 'Asked about limits per user vs per IP and which APIs need them before drawing anything.'],
    [2, 'Estimated QPS, but the counter storage for 10M users was not sized.'],
    [3, 'Clean check(key, cost) API; token bucket state as one Redis hash per key.'],
  ];
  const dimensions = page.locator('.score-dimension');
  for (const [index, [level, notes]] of evidence.entries()) {
    const dimension = dimensions.nth(index);
    await dimension.getByRole('radio', { name: new RegExp(`^${level} `) }).check();
    await dimension.getByRole('textbox', { name: /^Evidence notes/ }).fill(notes);
  }
  await page.locator('.save-indicator--saved').waitFor();
  // Whom it scores, the running score and the first dimension filled in, whole between the site
  // header and the sticky Submit bar: fits on a 1280x800 screen zoomed out to 80%, like the progress.
  await page.evaluate(() => document.activeElement?.blur());
  await page
    .getByRole('heading', { level: 1 })
    .evaluate((heading) => window.scrollBy(0, heading.getBoundingClientRect().top - 68));
  await shoot(page, 'scorecard');
  await page.context().close();
}

/**
 * Five sessions over the last five weeks in which a partner interviewed Alex, each scored a little
 * better than the last. Booked for future days like any session, then moved into the past with SQL
 * (the API books only the future), as the API tests' `aPastSession` does.
 */
async function shootProgress(browser, api, dataSource, { alex, priya, jordan, marco, mei }) {
  const history = [
    { partner: jordan, prompt: 'url-shortener', weeksAgo: 5, levels: [2, 2, 2, 2, 1, 2, 3] },
    { partner: priya, prompt: 'rate-limiter', weeksAgo: 4, levels: [3, 2, 2, 2, 2, 2, 3] },
    {
      partner: marco,
      prompt: 'news-feed',
      weeksAgo: 3,
      levels: [3, 2, 3, 3, 2, 3, 3],
      self: [3, 3, 3, 3, 3, 3, 3],
    },
    {
      partner: mei,
      prompt: 'chat-app',
      weeksAgo: 2,
      levels: [3, 3, 3, 3, 2, 3, 4],
      self: [3, 2, 3, 4, 3, 3, 3],
    },
    {
      partner: jordan,
      prompt: 'distributed-cache',
      weeksAgo: 1,
      levels: [4, 3, 3, 4, 2, 3, 4],
      self: [4, 3, 3, 3, 3, 3, 4],
    },
  ];
  const rubric = await api.get('/api/rubric', alex);
  const dimensionIds = rubric.dimensions.map((dimension) => dimension.id);
  for (const [index, past] of history.entries()) {
    const slot = await api.post('/api/slots', past.partner, {
      startsAt: dayAt(20 + index, 10),
      format: 'single',
      hostRole: 'interviewer',
    });
    const session = await api.post(`/api/slots/${slot.id}/book`, alex);
    const startsAt = new Date(Date.now() - past.weeksAgo * 7 * DAY);
    await dataSource.query(
      `UPDATE sessions SET starts_at = $2, ends_at = $3, status = 'completed' WHERE id = $1`,
      [session.id, startsAt, new Date(startsAt.getTime() + HOUR)],
    );
    await dataSource.query(`UPDATE session_rounds SET prompt_id = $2 WHERE session_id = $1`, [
      session.id,
      past.prompt,
    ]);
    // Alex's own view of the round, written before the partner's feedback reveals it (and closes it).
    if (past.self) {
      await api.put(`/api/sessions/${session.id}/rounds/1/scorecard`, alex, {
        kind: 'self',
        dimensions: dimensionIds.map((dimensionId, at) => ({
          dimensionId,
          level: past.self[at] ?? 3,
          evidence: 'How it felt from the candidate’s side.',
        })),
        strengths: 'Kept the requirements short and visible.',
        improvements: 'Size the storage before choosing it.',
        recommendation: null,
        performedAtLevel: null,
        submit: true,
      });
    }
    await api.put(`/api/sessions/${session.id}/rounds/1/scorecard`, past.partner, {
      kind: 'interviewer',
      dimensions: dimensionIds.map((dimensionId, at) => ({
        dimensionId,
        level: past.levels[at] ?? 3,
        evidence: 'Seen on the whiteboard and heard in the discussion.',
      })),
      strengths: 'Clear requirements and a clean high-level design.',
      improvements: 'Go deeper on the storage layer.',
      recommendation: 'hire',
      performedAtLevel: 'senior',
      submit: true,
    });
  }

  // The chart and the strongest and weakest dimensions fit on one 1280x800 screen only with the
  // browser zoomed out to 80%: 1600x1000 CSS pixels at a device pixel ratio of 0.8.
  const page = await pageOf(browser, api, alex, {
    viewport: { width: 1600, height: 1000 },
    deviceScaleFactor: 0.8,
  });
  await page.goto(`${api.baseUrl}/progress`);
  await page.getByRole('heading', { level: 1, name: 'Your progress' }).waitFor();
  await page.getByRole('img', { name: /Level per rubric dimension/ }).waitFor();
  await page.getByRole('heading', { name: 'Strongest and weakest' }).waitFor();
  // The trend's heading just below the site header; the tie rule under the extremes still in view.
  await page
    .getByRole('heading', { name: 'Trend by dimension' })
    .evaluate((heading) => window.scrollBy(0, heading.getBoundingClientRect().top - 80));
  await shoot(page, 'progress');
  await page.context().close();
}

/** The viewport (not the full page) as docs/screenshots/<name>.png. */
async function shoot(page, name) {
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  log(`${relative(REPO_ROOT, path)} (${Math.round(statSync(path).size / 1024)} KB)`);
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

main().catch((error) => {
  process.stderr.write(`\nScreenshots failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
