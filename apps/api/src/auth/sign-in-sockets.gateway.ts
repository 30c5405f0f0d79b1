import { type OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { SocketData } from '../realtime/realtime-io.adapter';
import { SignInLiveness } from './sign-in-liveness.service';

/** socket.io room of the sockets opened with one sign-in session, on whichever instance. */
export const signInRoom = (sessionId: string): string => `signin:${sessionId}`;

/**
 * Ties each socket to the sign-in it was authenticated with, so revoking that sign-in closes the
 * socket too. Through the Redis adapter `disconnectSockets` reaches every instance.
 */
@WebSocketGateway()
export class SignInSocketsGateway implements OnGatewayConnection {
  // Absent in an application context without a socket server (e.g. the CLI).
  @WebSocketServer() private readonly server?: Server;

  constructor(private readonly liveness: SignInLiveness) {}

  async handleConnection(socket: Socket): Promise<void> {
    const sessionId = (socket.data as Partial<SocketData>).signInSessionId;
    if (!sessionId) return;
    await socket.join(signInRoom(sessionId));
    // A revocation between the handshake's check and this join found no socket in the room.
    if (!(await this.liveness.isLive(sessionId))) socket.disconnect(true);
  }

  disconnect(sessionIds: readonly string[]): void {
    if (!this.server || sessionIds.length === 0) return;
    this.server.in(sessionIds.map(signInRoom)).disconnectSockets(true);
  }
}
