import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './test-app';

/** The proxy configuration we ship (docker-compose.scale.yml runs it in front of the replicas). */
export const SHIPPED_HAPROXY_CFG = join(REPO_ROOT, 'deploy/haproxy/haproxy.cfg');

const NOT_INSTALLED =
  'haproxy is not installed: this test runs the shipped deploy/haproxy/haproxy.cfg in a real HAProxy. ' +
  '.ci/run installs it (Debian: apt-get install -y haproxy).';

/** One request as the proxy logged it (`option httplog`, written when the instance answered). */
export interface ProxiedRequest {
  /** The instance that served it, as named in the configuration (`<NOSRV>` when none could). */
  server: string;
  method: string;
  uri: string;
  status: number;
  query: URLSearchParams;
}

export interface HaproxyProcess {
  url: string;
  /** Every request logged so far, oldest first. */
  requests(): ProxiedRequest[];
  output(): string;
  stop(): Promise<void>;
}

/**
 * The shipped configuration with its two deployment-specific lines replaced: the listening address,
 * and the Docker DNS server template by one `server` line per instance (named as the template names
 * its slots: app1, app2, ...). Everything that decides the routing (balance, hash, checks, timeouts,
 * retries) is the shipped text itself; a change to either line's shape fails here, not silently.
 */
export function configFor(shipped: string, port: number, instanceUrls: readonly string[]): string {
  const replace = (text: string, line: RegExp, by: string): string => {
    const found = text.match(new RegExp(line.source, 'gm'))?.length ?? 0;
    if (found !== 1)
      throw new Error(`${SHIPPED_HAPROXY_CFG}: expected one line matching ${line}, found ${found}`);
    return text.replace(new RegExp(line.source, 'm'), by);
  };
  const servers = instanceUrls
    .map((url, index) => `    server app${index + 1} ${new URL(url).host}`)
    .join('\n');
  return replace(
    replace(shipped, /^ {4}bind :3000$/, `    bind 127.0.0.1:${port}`),
    /^ {4}server-template app .*$/,
    servers,
  );
}

/** Starts HAProxy on the shipped configuration in front of `instanceUrls`, once it answers. */
export async function startHaproxy(instanceUrls: readonly string[]): Promise<HaproxyProcess> {
  if (spawnSync('haproxy', ['-v']).error) throw new Error(NOT_INSTALLED);
  const port = await aFreePort();
  const dir = await mkdtemp(join(tmpdir(), 'mockboard-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  await writeFile(file, configFor(await readFile(SHIPPED_HAPROXY_CFG, 'utf8'), port, instanceUrls));
  // -db: stay in the foreground, so the log (to stdout) comes here and a kill ends it.
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const proxy: HaproxyProcess = {
    url,
    output: () => output,
    requests: () => output.split('\n').flatMap((line) => parseLogLine(line) ?? []),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited at start:\n${output}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return proxy;
    if (Date.now() > deadline) {
      await proxy.stop();
      throw new Error(`haproxy did not answer /api/health through ${url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `option httplog`'s line: ... <frontend> <backend>/<server> <timers> <status> ... "<method> <uri> HTTP/x".
 * Lines that are not requests (start-up notices, servers going down) give null.
 */
export function parseLogLine(line: string): ProxiedRequest | null {
  const match = /\] \S+ [^/\s]+\/(\S+) \S+ (-?\d+) .*"(\w+) (\S+) HTTP\/[\d.]+"\s*$/.exec(line);
  if (!match) return null;
  const [, server, status, method, uri] = match as unknown as [string, string, string, string, string];
  return { server, status: Number(status), method, uri, query: new URL(uri, 'http://proxy').searchParams };
}

/** A port nothing listens on right now (the OS's choice), for a process that takes a fixed port. */
function aFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
