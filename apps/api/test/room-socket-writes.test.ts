import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { SocketWriteWindow } from '../src/common/socket-write-window';
import { aRectangle, call } from './support/room-client';
import { liveRoomStage } from './support/room-stage';

const BURST = 200;

/**
 * The write window (issue 18): a websocket's frames leave in fewer writes, and still every one of
 * them, in order, acks included. A real socket.io server and client over a real port.
 */
describe('socket writes held for a window', () => {
  let http: HttpServer;
  let server: Server;
  let client: Socket | undefined;
  let writes: SocketWriteWindow | undefined;

  beforeEach(async () => {
    http = createServer();
    server = new Server(http, { transports: ['websocket'] });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    client?.disconnect();
    writes?.close();
    writes = undefined;
    await server.close();
  });

  /** Connects a client; resolves with the server side's TCP socket, its writes counted. */
  async function connectCounting(): Promise<{ writesMade: () => number }> {
    const served = new Promise<TcpSocket>((resolve) =>
      server.on('connection', (socket) => {
        const transport = socket.conn.transport as unknown as { socket: { _socket: TcpSocket } };
        resolve(transport.socket._socket);
      }),
    );
    client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ['websocket'],
      forceNew: true,
    });
    const tcp = await served;
    await new Promise((resolve) => client!.once('connect', resolve));
    // Every write to the kernel goes through _write (one chunk) or _writev (several).
    let made = 0;
    const count = <T extends (...args: never[]) => unknown>(method: T): T =>
      ((...args: Parameters<T>) => {
        made += 1;
        return method.apply(tcp, args);
      }) as T;
    const internals = tcp as unknown as {
      _write: (...args: never[]) => unknown;
      _writev: (...args: never[]) => unknown;
    };
    internals._write = count(internals._write);
    internals._writev = count(internals._writev);
    return { writesMade: () => made };
  }

  async function burst(volatile = false): Promise<{ received: number[]; writesMade: number }> {
    const { writesMade } = await connectCounting();
    const received: number[] = [];
    const all = new Promise<void>((resolve) =>
      client!.on('n', (n: number) => {
        received.push(n);
        if (received.length === BURST) resolve();
      }),
    );
    const [socket] = await server.fetchSockets();
    for (let n = 0; n < BURST; n += 1) (volatile ? socket!.volatile : socket!).emit('n', n);
    if (volatile) await new Promise((resolve) => setTimeout(resolve, 500));
    else await all;
    return { received, writesMade: writesMade() };
  }

  it.each(['turn', 10] as const)(
    'delivers a burst in order, in a few writes (window: %s)',
    async (window) => {
      writes = new SocketWriteWindow(window);
      server.engine.on('connection', (connection: Parameters<SocketWriteWindow['attach']>[0]) =>
        writes!.attach(connection),
      );
      const { received, writesMade } = await burst();
      expect(received).toEqual(Array.from({ length: BURST }, (_, n) => n));
      // One held write, or two if a flush fell inside the burst: not one each.
      expect(writesMade).toBeLessThanOrEqual(3);
    },
  );

  it('does not drop volatile events (cursors) for a connection that is not backed up', async () => {
    writes = new SocketWriteWindow('turn');
    server.engine.on('connection', (connection: Parameters<SocketWriteWindow['attach']>[0]) =>
      writes!.attach(connection),
    );
    const { received } = await burst(true);
    expect(received).toEqual(Array.from({ length: BURST }, (_, n) => n));
  });

  it('without the window each queued frame is its own write', async () => {
    const { received, writesMade } = await burst();
    expect(received).toHaveLength(BURST);
    expect(writesMade).toBeGreaterThan(BURST / 2);
  });

  it('without the window a burst of volatile events loses all but the first', async () => {
    const { received } = await burst(true);
    expect(received.length).toBeLessThan(BURST);
  });

  it('answers acks and keeps answering after the client reconnects', async () => {
    writes = new SocketWriteWindow('turn');
    server.engine.on('connection', (connection: Parameters<SocketWriteWindow['attach']>[0]) =>
      writes!.attach(connection),
    );
    server.on('connection', (socket) =>
      socket.on('echo', (value: number, ack: (v: number) => void) => ack(value)),
    );
    await connectCounting();
    const first = await Promise.all(
      Array.from({ length: 50 }, (_, n) => client!.timeout(5_000).emitWithAck('echo', n)),
    );
    expect(first).toEqual(Array.from({ length: 50 }, (_, n) => n));
    client!.disconnect();
    await connectCounting();
    expect(await client!.timeout(5_000).emitWithAck('echo', 7)).toBe(7);
  });
});

/** Through the app: a burst of strokes reaches the partner whole and in order, each acked. */
describe('a burst of scene updates through the live room', () => {
  const room = liveRoomStage();

  it('relays every update in order and acks each', async () => {
    const sender = await room.joined(room.host);
    const partner = await room.joined(room.guest);
    const relayed: number[] = [];
    const count = 30;
    const all = new Promise<void>((resolve) =>
      partner.on('scene:update', (payload: { elements: { version: number }[] }) => {
        relayed.push(payload.elements[0]!.version);
        if (relayed.length === count) resolve();
      }),
    );
    const acks = Array.from({ length: count }, (_, index) =>
      call<{ ok: boolean }>(sender, 'scene:update', {
        sessionId: room.sessionId,
        elements: [aRectangle({ id: 'burst', version: index + 1, x: index })],
      }),
    );
    await all;
    expect(relayed).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    expect((await Promise.all(acks)).every((ack) => ack.ok)).toBe(true);
  });
});
