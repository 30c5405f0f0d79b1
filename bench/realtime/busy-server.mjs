// A busy neighbour: another server on the machine, an HTTP server answering a stream of JSON requests
// over loopback (parse, hash, serialize, and the kernel's socket work both ways), held to
// BUSY_SERVER_CORES of a core. Its client runs in the same process so that the share covers both.
// Usage: BUSY_SERVER_CORES=0.5 node bench/realtime/busy-server.mjs
import { createHash } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import { runWithinBudget } from './cpu-budget.mjs';

/** Requests in flight at once, as a handful of clients would keep. */
const CONCURRENCY = 8;
const body = JSON.stringify({
  items: Array.from({ length: 200 }, (_, i) => ({ id: `item-${i}`, x: i * 3, y: i * 7, label: 'neighbour' })),
});

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const digest = createHash('sha256').update(JSON.stringify(parsed)).digest('hex');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ digest, count: parsed.items.length, items: parsed.items }));
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = () =>
    new Promise((done) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/work',
          agent,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', done);
        },
      );
      req.on('error', done);
      req.end(body);
    });
  const stop = runWithinBudget(Number(process.env.BUSY_SERVER_CORES ?? 0.5), () =>
    Promise.all(Array.from({ length: CONCURRENCY }, post)),
  );
  process.once('SIGTERM', () => {
    stop();
    agent.destroy();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1_000).unref();
  });
  process.stdout.write(`busy server running at http://127.0.0.1:${port}\n`);
});
