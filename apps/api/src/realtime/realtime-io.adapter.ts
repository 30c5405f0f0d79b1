import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { createAdapter } from '@socket.io/redis-streams-adapter';
import type { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { ROOM_LIMITS } from '@mockboard/contracts';
import { SocketAuthenticator } from '../auth/socket-authenticator';
import type { JsonLogger } from '../common/json-logger';
import { refuseCrossSiteSockets } from '../common/origin-check';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { clusterChannelPrefix } from './cluster-channels';
import { withLiveInstanceCount } from './live-instances';
import { LoopLateness } from './loop-lateness';
import { refuseDeepMessages } from './message-depth';
import {
  REMOTE_BROADCAST_HOOK,
  withRemoteBroadcastHook,
  type RemoteBroadcastHook,
} from './remote-broadcasts';
import { SocketRateLimiter } from './socket-rate-limiter';
import { SocketReads } from './socket-reads';
import { UserSocketCap } from './user-socket-cap';

export interface SocketData {
  user: import('../auth/auth-user').AuthUser;
  /** The sign-in session of the handshake's token; revoking it disconnects the socket. */
  signInSessionId: string;
}

type RedisClient = ReturnType<typeof createClient>;

/** What joins this instance to the others: its Redis connection and the adapter module for it. */
interface Cluster {
  url: string;
  redis: RedisClient;
  createAdapter: typeof createAdapter;
}

/**
 * The one socket.io server of the app: every handshake is authenticated here (session cookie or
 * `auth: {token}`); one user's sockets are capped (UserSocketCap); every event is rate-limited
 * (SocketRateLimiter) and capped in size; with REDIS_URL, the Redis Streams adapter joins
 * several app instances into one set of rooms (it also survives Redis reconnects).
 */
export class RealtimeIoAdapter extends IoAdapter {
  private cluster: Cluster | null = null;

  constructor(
    private readonly context: INestApplicationContext,
    private readonly redisUrl: string | undefined,
    private readonly logger: JsonLogger,
  ) {
    super(context);
  }

  /**
   * Connects to Redis before the server starts, so the first broadcast already crosses instances.
   * The Redis client and the adapter are loaded only here: a single instance needs none of their
   * ~460 modules, which would cost every start, and every test file's fresh module registry.
   */
  async connectRedis(): Promise<void> {
    if (!this.redisUrl) return;
    const [{ createClient }, { createAdapter }] = await Promise.all([
      import('redis'),
      import('@socket.io/redis-streams-adapter'),
    ]);
    const redis = createClient({ url: this.redisUrl });
    redis.on('error', (error: Error) => this.logger.event('warn', 'redis error', { error: error.message }));
    await redis.connect();
    observePublishFailures(redis);
    this.cluster = { url: this.redisUrl, redis, createAdapter };
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      // Larger than any accepted payload, so an oversized update still arrives and gets a
      // `too_large` ack instead of a dropped connection.
      maxHttpBufferSize: ROOM_LIMITS.maxMessageBytes * 2,
      // No connection-state recovery: it would keep every broadcast in memory for a minute or more
      // (socket.io sweeps its buffer once a minute), and our clients do not need it. The room's
      // client re-joins on every connect and gets the merged scene from the database, resending
      // what was not acked; the notification bell refetches its list. (bench/realtime at 50 rooms:
      // 7 points less server CPU and 37 MiB less memory without it.)
      ...(this.cluster ? { adapter: this.clusterAdapter(this.cluster) } : {}),
    } as ServerOptions) as Server;
    // Before authentication: a cookie-authenticated handshake from another site is refused outright.
    server.use(refuseCrossSiteSockets(this.context.get<AppConfig>(APP_CONFIG, { strict: false }).publicUrl));
    const authenticator = this.context.get(SocketAuthenticator, { strict: false });
    server.use((socket, next) => {
      authenticator.identify(socket.handshake).then(
        (signedIn) => {
          if (!signedIn) return next(new Error('unauthorized: sign in first'));
          (socket.data as SocketData).user = signedIn.user;
          (socket.data as SocketData).signInSessionId = signedIn.sessionId;
          next();
        },
        () => next(new Error('unauthorized: sign in first')),
      );
    });
    server.use(new UserSocketCap(server).middleware);
    const lateness = this.context.get(LoopLateness, { strict: false });
    const reads = this.context.get(SocketReads, { strict: false });
    const limiter = new SocketRateLimiter(
      (socket) => this.logger.event('warn', 'socket disconnected for flooding', { socketId: socket.id }),
      (now) => lateness.lateMs(now),
      (socket, now) => reads.backlogMs(socket, now),
    );
    server.on('connection', (socket) => {
      limiter.attach(socket);
      refuseDeepMessages(socket);
    });
    return server;
  }

  /**
   * The Redis Streams adapter, with the app's hook on what other instances broadcast (a room's
   * scene updates are coalesced for a peer behind on this instance, remote-scene-relay.ts), and an
   * instance count that leaves out an instance gone silent (live-instances.ts).
   */
  private clusterAdapter({ url, redis, createAdapter }: Cluster) {
    const hook = this.context.get<RemoteBroadcastHook>(REMOTE_BROADCAST_HOOK, { strict: false });
    const channelPrefix = clusterChannelPrefix(url);
    const hooked = withRemoteBroadcastHook(createAdapter(redis, { channelPrefix }), hook, (error, failures) =>
      this.logger.event('warn', 'broadcasts from another instance were delivered unfiltered', {
        error: error instanceof Error ? error.message : String(error),
        failures,
      }),
    );
    return withLiveInstanceCount(hooked, {
      channelPrefix,
      // The adapter's own PUB/SUB, not sharded (useShardedPubSub is off): NUMSUB counts its subscribers.
      subscribers: async (channels) => {
        const counts = await redis.pubSubNumSub([...channels]);
        return channels.map((channel) => Number(counts[channel] ?? 0));
      },
      report: ({ uid, silent }) =>
        this.logger.event(
          silent ? 'warn' : 'info',
          silent
            ? 'another instance went silent: not waited for until it is heard again'
            : 'a silent instance is heard again',
          { instance: uid },
        ),
    });
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.cluster?.redis.quit().catch(() => undefined);
    this.cluster = null;
  }
}

/**
 * The Streams adapter sends its short-lived messages (fetchSockets' question to the other
 * instances, their answers) with PUBLISH and drops the promise. One that fails, e.g. a departure's
 * fetchSockets as the instance shuts down and closes the client, was an unhandled rejection, which
 * ends a Node process (CI: "The client is closed"). Every publish is observed here; the adapter's
 * caller still learns of the failure through its own timeout.
 */
function observePublishFailures(client: RedisClient): void {
  const publish = client.publish.bind(client);
  const observed = (...args: Parameters<typeof publish>): ReturnType<typeof publish> => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
  Object.assign(client, { publish: observed });
}
