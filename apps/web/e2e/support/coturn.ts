import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TURN server of our own for one test: Debian's coturn (`turnserver`), on loopback only. */
export interface Coturn {
  /** What the app's TURN_URLS takes, e.g. `turn:127.0.0.1:41234?transport=udp`. */
  readonly url: string;
  /** The static-auth-secret the app's TURN_SECRET must match (random per run). */
  readonly secret: string;
  readonly realm: string;
  /** Everything coturn has logged so far (allocations name their user: `<expiry>:<userId>`). */
  log(): Promise<string>;
  stop(): Promise<void>;
}

const REALM = 'mockboard.test';
/** Relay ports per run: a call needs one per peer connection; a few spare for retries. */
const RELAY_PORTS = 40;

/**
 * Starts coturn with the shared-secret REST scheme (`--use-auth-secret`) on a free loopback port and
 * waits until it answers a STUN request. The flags were found by relaying two Chromium peers through
 * it on this machine (coturn 4.6.1).
 */
export async function startCoturn(): Promise<Coturn> {
  const dir = await mkdtemp(join(tmpdir(), 'mockboard-coturn-'));
  const logFile = join(dir, 'turn.log');
  const port = await freeUdpAndTcpPort();
  const minPort = 40_000 + Math.floor(Math.random() * 20_000);
  const secret = randomBytes(24).toString('hex');
  const args = [
    // No /etc/turnserver.conf: only what is written here applies.
    '-n',
    // Loopback only: the browsers run on this machine and nothing else should reach the relay.
    ...['--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(port)],
    // Both peers' relayed addresses are 127.0.0.1, which coturn refuses as a peer by default
    // (CREATE_PERMISSION fails with "403 Forbidden IP"); never set this on a real server.
    '--allow-loopback-peers',
    // The REST scheme our server issues credentials for: username `<expiry>:<userId>`,
    // credential base64(HMAC-SHA1(secret, username)).
    ...['--use-auth-secret', '--static-auth-secret', secret, '--realm', REALM],
    // A small relay range at a random place, so parallel test runs rarely meet (coturn skips a busy port).
    ...['--min-port', String(minPort), '--max-port', String(minPort + RELAY_PORTS - 1)],
    // Plain UDP/TCP only (no certificates in a test); no admin CLI on port 5766.
    ...['--no-tls', '--no-dtls', '--no-cli'],
    // Its files in our temporary folder, not /var/run and /var/lib/turn (which need root and are shared).
    ...['--pidfile', join(dir, 'turnserver.pid'), '--db', join(dir, 'turndb')],
    // --verbose is what logs each allocation with its username; --simple-log keeps the file's name.
    ...['--log-file', logFile, '--simple-log', '--no-stdout-log', '--verbose'],
  ];
  const child = spawn('turnserver', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`turnserver did not start (is coturn installed?): ${error.message}`)),
    ),
  );

  const log = () => readFile(logFile, 'utf8').catch(() => '');
  const stop = async () => {
    await stopProcess(child, exited);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      answersStun(port),
      spawnFailed,
      exited.then(() => Promise.reject(new Error('exited'))),
    ]);
  } catch (error) {
    const output = `${stderr}\n${await log()}`;
    await stop();
    throw new Error(`coturn did not start on 127.0.0.1:${port}: ${(error as Error).message}\n${output}`);
  }
  return { url: `turn:127.0.0.1:${port}?transport=udp`, secret, realm: REALM, log, stop };
}

/** A port free for both UDP and TCP on loopback (coturn listens on both). */
async function freeUdpAndTcpPort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

/**
 * Resolves once coturn answers a STUN Binding request on `port` (RFC 5389: type 0x0001, no
 * attributes, the magic cookie, a 12-byte transaction id; the success response is type 0x0101).
 */
async function answersStun(port: number, timeoutMs = 10_000): Promise<void> {
  const socket = createSocket('udp4');
  const transactionId = randomBytes(12);
  const request = Buffer.concat([
    Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]),
    transactionId,
  ]);
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`no STUN answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      socket.on('message', (message) => {
        if (message.readUInt16BE(0) === 0x0101 && message.subarray(8, 20).equals(transactionId)) {
          clearTimeout(deadline);
          clearInterval(resend);
          resolve();
        }
      });
      // UDP: until coturn listens the request is simply lost, so it is sent again.
      const send = () => socket.send(request, port, '127.0.0.1');
      const resend = setInterval(send, 100);
      socket.once('close', () => clearInterval(resend));
      send();
    });
  } finally {
    socket.close();
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  // No pid: it never started (no `turnserver` on PATH), so there is nothing to end or wait for.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killed);
}
