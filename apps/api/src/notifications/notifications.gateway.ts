import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { NOTIFICATION_EVENT } from '@mockboard/contracts';
import { SocketAuthenticator } from '../auth/socket-authenticator';
import type { UserEntity } from '../auth/user.entity';
import { NotificationsService } from './notifications.service';

/** socket.io room of one user's sockets, wherever they are connected. */
export const userRoom = (userId: string): string => `user:${userId}`;

export interface SocketData {
  user: UserEntity;
}

/**
 * Authenticates every socket at the handshake (cookie or `auth: {token}`) and pushes each user's
 * notifications to all of their sockets. With the Redis adapter, a notification raised on one
 * instance reaches sockets on any other.
 */
@WebSocketGateway()
export class NotificationsGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly notifications: NotificationsService,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticator.userFrom(socket.handshake).then(
        (user) => {
          if (!user) return next(new Error('unauthorized: sign in first'));
          (socket.data as SocketData).user = user;
          next();
        },
        () => next(new Error('unauthorized: sign in first')),
      );
    });
    this.notifications.onNotification((userId, notification) => {
      server.to(userRoom(userId)).emit(NOTIFICATION_EVENT, notification);
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const data = socket.data as Partial<SocketData>;
    if (data.user) await socket.join(userRoom(data.user.id));
  }
}
