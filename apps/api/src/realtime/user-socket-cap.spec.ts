import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { isCollected } from '../../test/support/garbage';
import { UserSocketCap } from './user-socket-cap';

describe('UserSocketCap', () => {
  const http = createServer();
  const server = new Server(http);
  let url = '';

  beforeAll(async () => {
    server.use((socket, next) => {
      socket.data = { user: { id: 'user-1' } };
      next();
    });
    server.use(new UserSocketCap(server).middleware);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await server.close();
  });

  it('lets a socket that has left be collected at once, not held for its 30 s check', async () => {
    const connected = new Promise<WeakRef<Socket>>((resolve) =>
      server.once('connection', (socket) => resolve(new WeakRef(socket))),
    );
    const client = connect(url, { transports: ['websocket'], reconnection: false });
    try {
      const refused = new Promise<never>((_, reject) => client.once('connect_error', reject));
      const left = await Promise.race([connected, refused]);
      await new Promise<void>((resolve) => {
        left.deref()!.once('disconnect', () => resolve());
        client.disconnect();
      });
      expect({ collected: await isCollected(left) }).toEqual({ collected: true });
    } finally {
      client.close();
    }
  });
});
