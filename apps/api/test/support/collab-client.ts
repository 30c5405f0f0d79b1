import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  CollabClient as RoomClient,
  type CollabClientOptions as RoomClientOptions,
  roomSocketOptions,
} from '@mockboard/collab';

export { CollabError } from '@mockboard/collab';

/** A test's collaboration client: its own socket.io socket to `url`, signed in with `token`. */
export type CollabClientOptions = Omit<RoomClientOptions<Socket>, 'socket'> & {
  url: string;
  token?: string;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
};

/** The room's CollabClient over a socket.io socket that tests can cut (`client.socket.io.engine`). */
export class CollabClient extends RoomClient<Socket> {
  constructor({ url, token, socketOptions, ...options }: CollabClientOptions) {
    const auth = token ? { auth: { token } } : {};
    super({
      ...options,
      socket: io(url, { ...roomSocketOptions(options.sessionId), ...auth, ...socketOptions }),
    });
  }
}
