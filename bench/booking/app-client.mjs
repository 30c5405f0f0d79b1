// The API as a client sees it, over node:http with keep-alive connections. Node's global fetch
// (undici) cost this process 3.5 ms of CPU per week search (3 Dec 2026), three times what the
// baseline's pg client spends on the same rows: on 2 cores the load generator's CPU is taken from
// the server under test, so the cheaper client measures the app more fairly, as bench/realtime's
// wire client does for sockets.
import { Agent, request } from 'node:http';

const REQUEST_TIMEOUT_MS = 15_000;
const BOOKER_PASSWORD = 'bench booker password';
/**
 * An idle connection is closed after 4 s, before the server's 5 s (Node's keepAliveTimeout): a
 * request sent on one the server was closing at that moment failed with ECONNRESET, as in a race
 * that followed the baseline's 6 s phase. A request's own timeout replaces this one while it runs.
 */
const agent = new Agent({ keepAlive: true, timeout: 4_000 });

function call(url, { method = 'GET', token, body }) {
  const payload = body ? JSON.stringify(body) : undefined;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        // Read the whole body, as a client would, without spending the load generator's CPU on parsing it.
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, bytes: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`${method} ${url}: no answer in ${REQUEST_TIMEOUT_MS} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function describe(method, path, status, bytes) {
  return `${method} ${path} → ${status} ${bytes.toString('utf8').slice(0, 200)}`;
}

/** Opens `count` keep-alive connections (GET /api/health at once), so a race times bookings, not TCP handshakes. */
export async function openConnections(baseUrl, count) {
  const answers = await Promise.all(Array.from({ length: count }, () => call(`${baseUrl}/api/health`, {})));
  const failed = answers.find(({ status }) => status !== 200);
  if (failed) throw new Error(describe('GET', '/api/health', failed.status, failed.bytes));
}

/** Registers bookers through the API (argon2 and all), `parallel` at a time. */
export async function registerBookers(baseUrl, count, { runId, parallel = 8 }) {
  const bookers = new Array(count);
  let next = 0;
  async function worker() {
    while (next < count) {
      const index = next++;
      const { status, bytes } = await call(`${baseUrl}/api/auth/register`, {
        method: 'POST',
        body: {
          email: `booker${index}-${runId}@bench.mockboard.test`,
          password: BOOKER_PASSWORD,
          displayName: `Booker ${index}`,
          timezone: 'Europe/Berlin',
        },
      });
      if (status !== 201) throw new Error(describe('POST', '/api/auth/register', status, bytes));
      const { user, accessToken } = JSON.parse(bytes.toString('utf8'));
      bookers[index] = { id: user.id, token: accessToken };
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker));
  return bookers;
}

/** GET /api/slots; ok on 200. */
export async function searchSlots(baseUrl, token, query) {
  const path = `/api/slots?${new URLSearchParams(query)}`;
  const { status, bytes } = await call(`${baseUrl}${path}`, { token });
  return status === 200
    ? { ok: true, bytes: bytes.byteLength, body: bytes }
    : { ok: false, detail: describe('GET', path, status, bytes) };
}

/** POST /api/slots/:id/book; returns the status, and whether it is one of `expected`. */
export async function bookSlot(baseUrl, token, slotId, expected = [201]) {
  const path = `/api/slots/${slotId}/book`;
  const { status, bytes } = await call(`${baseUrl}${path}`, { method: 'POST', token });
  return expected.includes(status)
    ? { ok: true, status }
    : { ok: false, status, detail: describe('POST', path, status, bytes) };
}
