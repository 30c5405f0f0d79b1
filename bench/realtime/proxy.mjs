// HAProxy in front of the app's instances, on the configuration we ship (deploy/haproxy/haproxy.cfg)
// with only its `bind` and `server-template` lines replaced by local ports, as
// apps/api/test/multi-instance.test.ts does: the `app-proxy-x2` target measures the deployment of
// docker-compose.scale.yml, each room's peers hashed onto one instance by its session id.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const START_TIMEOUT_MS = 15_000;
/** An httplog line whose status is a 5xx: `… backend/server Tq/Tw/Tc/Tr/Ta 502 …`. */
const PROXY_ERROR = / [-+\d]+\/[-+\d]+\/[-+\d]+\/[-+\d]+\/[-+\d]+ 5\d\d /;
/** "Server app/app2 is DOWN, reason: Layer7 timeout …": a failed health check took an instance out. */
const INSTANCE_STATE = /Server \S+ is (DOWN|UP)/;

/** Starts HAProxy for `instanceUrls`; resolves to { url, pid, stop() } once it answers /api/health. */
export async function startProxy(root, instanceUrls) {
  if (spawnSync('haproxy', ['-v']).error)
    throw new Error('haproxy is not installed (Debian: apt-get install -y haproxy; .ci/run installs it)');
  const shipped = await readFile(join(root, 'deploy/haproxy/haproxy.cfg'), 'utf8');
  const port = await aFreePort();
  const servers = instanceUrls.map((url, i) => `    server app${i + 1} ${new URL(url).host}`).join('\n');
  const config = replaceOne(
    replaceOne(shipped, /^ {4}bind :3000$/m, `    bind 127.0.0.1:${port}`),
    /^ {4}server-template app .*$/m,
    servers,
  );
  const dir = await mkdtemp(join(tmpdir(), 'mockboard-bench-haproxy-'));
  await writeFile(join(dir, 'haproxy.cfg'), config);
  const child = spawn('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  // Its log (one line per request, and its alerts): only 5xx answers and instances taken out or put
  // back are kept, since they say why a peer could not join or was cut off (a 5xx line's termination
  // state names the side, e.g. `DH--`: the instance was marked down while the upgrade waited).
  const failed = [];
  const keep = (line) => {
    if (failed.length < 20) failed.push(`haproxy: ${line.trim()}`);
  };
  // The state changes come as warnings on stderr (the same alert in the log would repeat them).
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    errors += chunk;
    for (const line of String(chunk).split('\n')) if (INSTANCE_STATE.test(line)) keep(line);
  });
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (PROXY_ERROR.test(line)) keep(line);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const exit = await exited;
    await rm(dir, { recursive: true, force: true });
    // HAProxy's clean stop on SIGTERM is to die of it; report it as the app's clean exit (0).
    return exit.signal === 'SIGTERM' ? { code: 0, signal: null } : exit;
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (
    !(await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`haproxy did not answer through ${url}:\n${errors.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Reported like a server's logged errors (bench/realtime/index.mjs stopServer).
  return { url, pid: child.pid, warnings: failed, stop };
}

function replaceOne(text, line, by) {
  const found = text.match(new RegExp(line.source, 'gm'))?.length ?? 0;
  if (found !== 1)
    throw new Error(`deploy/haproxy/haproxy.cfg: expected one line matching ${line}, found ${found}`);
  return text.replace(line, by);
}

function aFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
