import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { ROOM_LIMITS } from '@mockboard/contracts';
import { SocketAuthenticator } from '../auth/socket-authenticator';
import type { JsonLogger } from '../common/json-logger';

export interface SocketData {
  user: import('../auth/user.entity').UserEntity;
}

type RedisClient = ReturnType<typeof createClient>;

/**
 * The one socket.io server of the app: every handshake is authenticated here (session cookie or
 * `auth: {token}`); messages are capped in size; with REDIS_URL, the Redis Streams adapter joins
 * several app instances into one set of rooms and keeps connection-state recovery across them.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private redis: RedisClient | null = null;

  constructor(
    private readonly context: INestApplicationContext,
    private readonly redisUrl: string | undefined,
    private readonly logger: JsonLogger,
  ) {
    super(context);
  }

  /** Connects to Redis before the server starts, so the first broadcast already crosses instances. */
  async connectRedis(): Promise<void> {
    if (!this.redisUrl) return;
    this.redis = createClient({ url: this.redisUrl });
    this.redis.on('error', (error: Error) =>
      this.logger.event('warn', 'redis error', { error: error.message }),
    );
    await this.redis.connect();
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      // Larger than any accepted payload, so an oversized update still arrives and gets a
      // `too_large` ack instead of a dropped connection.
      maxHttpBufferSize: ROOM_LIMITS.maxMessageBytes * 2,
      // Short on purpose: recovery buffers every broadcast for this long, and a client that comes
      // back later re-joins and gets the whole scene from the database anyway.
      connectionStateRecovery: { maxDisconnectionDuration: 20_000, skipMiddlewares: false },
      ...(this.redis ? { adapter: createAdapter(this.redis) } : {}),
    } as ServerOptions) as Server;
    const authenticator = this.context.get(SocketAuthenticator, { strict: false });
    server.use((socket, next) => {
      authenticator.userFrom(socket.handshake).then(
        (user) => {
          if (!user) return next(new Error('unauthorized: sign in first'));
          (socket.data as SocketData).user = user;
          next();
        },
        () => next(new Error('unauthorized: sign in first')),
      );
    });
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.redis?.quit().catch(() => undefined);
    this.redis = null;
  }
}
