import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { NOTIFICATION_EVENT } from '@mockboard/contracts';
import type { SocketData } from '../realtime/realtime-io.adapter';
import { NotificationsService } from './notifications.service';

/** socket.io room of one user's sockets, wherever they are connected. */
export const userRoom = (userId: string): string => `user:${userId}`;

/**
 * Pushes each user's notifications to all of their sockets (the handshake was authenticated by
 * RealtimeIoAdapter). With the Redis adapter, a notification raised on one
 * instance reaches sockets on any other.
 */
@WebSocketGateway()
export class NotificationsGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(private readonly notifications: NotificationsService) {}

  afterInit(server: Server): void {
    this.notifications.onNotification((userId, notification) => {
      server.to(userRoom(userId)).emit(NOTIFICATION_EVENT, notification);
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const data = socket.data as Partial<SocketData>;
    if (data.user) await socket.join(userRoom(data.user.id));
  }
}
