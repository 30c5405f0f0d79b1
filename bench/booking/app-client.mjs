// The API as a client sees it, over Node's global fetch (undici, keep-alive connections).

const REQUEST_TIMEOUT_MS = 15_000;
const BOOKER_PASSWORD = 'bench booker password';

async function call(url, { method = 'GET', token, body }) {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  // Read the whole body, as a client would, without spending the load generator's CPU on parsing it.
  const bytes = await response.arrayBuffer();
  return { status: response.status, bytes };
}

function describe(method, path, status, bytes) {
  return `${method} ${path} → ${status} ${Buffer.from(bytes).toString('utf8').slice(0, 200)}`;
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
      const { user, accessToken } = JSON.parse(Buffer.from(bytes).toString('utf8'));
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
