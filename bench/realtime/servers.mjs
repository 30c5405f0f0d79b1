// The servers under test, as child processes on 127.0.0.1 with a free port: the built app
// (`node apps/api/dist/main.js`, one or more instances) and the bare relay. Each is started fresh for
// every measurement, so its CPU time and peak RSS belong to that measurement alone.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sceneWriterConnectionName } from '../../apps/api/dist/room/scene-batch-messages.js';
import { perfNodeArgs } from './perf-record.mjs';
import { startProxy } from './proxy.mjs';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
export const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The targets a run can measure. `app` is the server as configured by default (one process, the
 * in-memory socket.io adapter); `app-redis` adds the Redis Streams adapter that docker-compose
 * enables; `app-redis-x2` runs two instances behind it, each room's peers on different instances;
 * `app-proxy-x2` is docker-compose.scale.yml's deployment: two instances on Redis behind HAProxy on the
 * shipped configuration, which hashes each room onto one instance (the proxy's CPU counts as the server's).
 * `app-one-thread` writes scene batches in the server's thread (SCENE_WRITER_THREAD=false), as
 * before the writer thread: what that thread buys.
 */
export const TARGETS = {
  app: { kind: 'app', instances: 1, redis: false },
  'app-one-thread': { kind: 'app', instances: 1, redis: false, env: { SCENE_WRITER_THREAD: 'false' } },
  'app-redis': { kind: 'app', instances: 1, redis: true },
  'app-redis-x2': { kind: 'app', instances: 2, redis: true },
  'app-proxy-x2': { kind: 'app', instances: 2, redis: true, proxy: true },
  bare: { kind: 'bare', instances: 1 },
  /** The bare relay with the app's connection-state recovery: what that costs, apart from the rest. */
  'bare-recovery': { kind: 'bare', instances: 1, recovery: true },
};

/** Starts `name` (a TARGETS key); resolves to { urls, pids, proxyPid, stop(), warnings }. */
export async function startTarget(
  name,
  { root, databaseUrl, schema, jwtSecret, applicationName, profileDir, perfDir = null },
) {
  const target = TARGETS[name];
  // Both sides alike, so that the perf map Node writes costs the relay what it costs the app.
  const perfArgs = (instance) => (perfDir ? perfNodeArgs(perfDir, `${name}-${instance}`) : []);
  if (target.kind === 'bare') {
    const server = await startNode({
      root,
      script: join(root, 'bench/realtime/bare-relay.mjs'),
      nodeArgs: perfArgs(0),
      ready: /listening at (http:\/\/127\.0\.0\.1:\d+)/,
      env: { PORT: '0', ...(target.recovery ? { RECOVERY: '1' } : {}) },
    });
    return group([server]);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'mockboard-bench-rt-'));
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    // Shared by all instances, as production requires; tokens from one are valid on the other.
    JWT_SECRET: jwtSecret,
    // The highest value the config accepts (apps/api/src/config/app-config.ts).
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    DATA_DIR: dataDir,
    PROMPTS_DIR: join(root, 'prompts'),
    WEB_DIST_DIR: join(root, 'apps/web/dist'),
    PGAPPNAME: applicationName,
    ...(target.redis ? { REDIS_URL } : {}),
    ...target.env,
  };
  const profileArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const servers = [];
  try {
    for (let i = 0; i < target.instances; i += 1) {
      servers.push(
        await startNode({
          root,
          script: join(root, 'apps/api/dist/main.js'),
          nodeArgs: [...perfArgs(i), ...profileArgs],
          ready: /running at http:\/\/localhost:(\d+)/,
          env,
        }),
      );
    }
    // Every peer connects to the proxy, which picks the instance (group() reports its URL first).
    if (target.proxy) {
      const instanceUrls = servers.map((server) => server.url);
      servers.unshift(await startProxy(root, instanceUrls));
    }
  } catch (error) {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const started = group(servers, { onlyFirstUrl: target.proxy });
  return {
    urls: started.urls,
    pids: started.pids,
    get warnings() {
      return started.warnings;
    },
    // Counted with the instances as the server's CPU, and reported apart too.
    proxyPid: target.proxy ? servers[0].pid : null,
    // Each instance's own, behind the proxy too (server-loop-delay.mjs).
    instanceUrls: (target.proxy ? servers.slice(1) : servers).map((server) => server.url),
    async stop() {
      const exits = await started.stop();
      await rm(dataDir, { recursive: true, force: true });
      return exits;
    },
  };
}

function group(servers, { onlyFirstUrl = false } = {}) {
  return {
    urls: (onlyFirstUrl ? servers.slice(0, 1) : servers).map((server) => server.url),
    pids: servers.map((server) => server.pid),
    // Read when the target stops: lines logged during the measurement count too.
    get warnings() {
      return servers.flatMap((server) => server.warnings);
    },
    stop: () => Promise.all(servers.map((server) => server.stop())),
  };
}

/**
 * Starts `node script` and resolves once its output matches `ready`; the match's first group, if any,
 * is its URL (a port alone becomes http://127.0.0.1:<port>).
 */
export async function startNode({ root, script, nodeArgs = [], ready, env }) {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, ...env },
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  const warnings = [];
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`did not start within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    let settled = false;
    function fail(reason) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${script} ${reason}:\n${output.trim()}`));
    }
    const watch = (chunk) => {
      if (settled) {
        // After start-up only warnings and errors are printed (LOG_LEVEL=warn): keep a few to report.
        for (const line of String(chunk).split('\n'))
          if (line.trim() && !line.includes('shutting down') && warnings.length < 20) warnings.push(line);
        return;
      }
      output += chunk;
      const match = ready.exec(output);
      if (match) {
        settled = true;
        clearTimeout(timer);
        const found = match[1];
        resolve(found === undefined ? null : found.startsWith('http') ? found : `http://127.0.0.1:${found}`);
      }
    };
    child.stdout.setEncoding('utf8').on('data', watch);
    child.stderr.setEncoding('utf8').on('data', watch);
    exited.then(({ code, signal }) => fail(`exited (${code ?? signal}) before it was ready`));
  });
  return {
    url,
    pid: child.pid,
    warnings,
    /** SIGTERM, then SIGKILL if it does not exit in time (reported as the exit signal). */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

export const newJwtSecret = () => randomBytes(32).toString('hex');

// ---- /proc readings -------------------------------------------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux (getconf CLK_TCK)

/** utime + stime of a process in ms, or null once it is gone. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Peak resident set size (VmHWM) of a process in MiB, or null once it is gone. */
export function peakRssMiB(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine in ms (all cores; idle and iowait excluded), from /proc/stat. */
export function machineBusyMs() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq (steal is the hypervisor's; guest is already in user)
    const [user, nice, system, , , irq, softirq] = fields;
    return (user + nice + system + irq + softirq) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * The PostgreSQL backends serving the app, by the application_name it connects with (PGAPPNAME),
 * and its scene writer thread's connection, which names itself after the schema.
 */
export async function backendPids(pool, applicationName, schema) {
  const { rows } = await pool.query('SELECT pid FROM pg_stat_activity WHERE application_name IN ($1, $2)', [
    applicationName,
    sceneWriterConnectionName(schema),
  ]);
  return rows.map((row) => row.pid);
}
