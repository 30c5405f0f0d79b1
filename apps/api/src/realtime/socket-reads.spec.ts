import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import {
  aPausableConnection,
  aPollingRequest,
  anEngineSocket as aSocket,
} from '../../test/support/engine-socket';
import { LATENESS_REMEMBERED_MS } from './loop-lateness';
import { MAX_BACKLOG_CREDIT_MS, SocketReads } from './socket-reads';

describe('SocketReads', () => {
  const at = 1_000_000;

  it('pauses and resumes the websocket under a socket, once each however often asked', () => {
    const reads = new SocketReads();
    const { socket, connection } = aSocket();
    reads.hold(socket, at);
    reads.hold(socket, at + 10);
    expect(connection.paused).toBe(true);
    expect(reads.isHeld(socket)).toBe(true);
    reads.release(socket, at + 20);
    expect(connection.paused).toBe(false);
    expect(reads.isHeld(socket)).toBe(false);
  });

  it('leaves a long-polling socket’s POSTs unread while held, and moves the hold to the websocket it upgrades to', () => {
    const reads = new SocketReads();
    const { socket, polling } = aSocket('polling');
    reads.hold(socket, at);
    expect(reads.isHeld(socket)).toBe(true);
    const post = aPollingRequest('POST');
    const get = aPollingRequest('GET');
    const transport = socket.conn.transport as unknown as { onRequest(request: unknown): void };
    transport.onRequest(post);
    transport.onRequest(get);
    expect(polling.handedOn).toEqual([get]);

    const websocket = { name: 'websocket', socket: aPausableConnection() };
    socket.conn.transport = websocket as unknown as typeof socket.conn.transport;
    socket.conn.emit('upgrade', websocket);
    // What long-polling left unread was sent before the upgrade: it is read first.
    expect(polling.handedOn).toEqual([get, post]);
    expect(websocket.socket.paused).toBe(true);
    reads.release(socket, at + 10);
    expect(websocket.socket.paused).toBe(false);
  });

  it('tells how old a held socket’s backlog may be, through holds that follow each other closely', () => {
    const reads = new SocketReads();
    const { socket } = aSocket();
    expect(reads.backlogMs(socket, at)).toBe(0);
    reads.hold(socket, at);
    expect(reads.backlogMs(socket, at + 3_000)).toBe(3_000);
    reads.release(socket, at + 4_000);
    // The backlog is read in a few bunches after the release: they are as old.
    expect(reads.backlogMs(socket, at + 4_500)).toBe(4_500);
    // A hold soon after continues the run: its backlog is older than the hold.
    reads.hold(socket, at + 5_000);
    expect(reads.backlogMs(socket, at + 6_000)).toBe(6_000);
    reads.release(socket, at + 6_000);
    expect(reads.backlogMs(socket, at + 6_000 + LATENESS_REMEMBERED_MS)).toBe(0);
    // Long after, a hold starts a new run.
    reads.hold(socket, at + 20_000);
    expect(reads.backlogMs(socket, at + 21_000)).toBe(1_000);
    // However long the run, the credit is at most MAX_BACKLOG_CREDIT_MS.
    expect(reads.backlogMs(socket, at + 20_000 + 10 * MAX_BACKLOG_CREDIT_MS)).toBe(MAX_BACKLOG_CREDIT_MS);
  });

  describe('on a real connection with a short ping timeout', () => {
    const http = createServer();
    // Short enough to time out within a test, long enough that a busy CI machine's timers keep up.
    const server = new Server(http, { pingInterval: 300, pingTimeout: 600 });
    let url = '';
    const clients: ClientSocket[] = [];

    beforeAll(async () => {
      server.on('connection', (socket) =>
        socket.on('echo', (value: unknown, ack: (v: unknown) => void) => ack(value)),
      );
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    });
    afterEach(() => clients.splice(0).forEach((client) => client.close()));
    afterAll(() => server.close());

    /** A connected client, its socket on the server, and the reason it was dropped, if it was. */
    async function aConnection(transport: 'websocket' | 'polling' = 'websocket') {
      const connected = new Promise<Socket>((resolve) => server.once('connection', resolve));
      const client = connect(url, { transports: [transport], reconnection: false, forceNew: true });
      clients.push(client);
      const socket = await connected;
      const dropped: string[] = [];
      socket.on('disconnect', (reason) => dropped.push(reason));
      return { client, socket, dropped };
    }
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('keeps a held connection alive past many ping timeouts, and reads what waited once released', async () => {
      const reads = new SocketReads();
      const { client, socket, dropped } = await aConnection();
      reads.hold(socket);
      let answered = false;
      const echo = client
        .timeout(5_000)
        .emitWithAck('echo', 'waited')
        .finally(() => (answered = true));
      await wait(3_000);
      expect(dropped).toEqual([]);
      expect(answered).toBe(false);
      reads.release(socket);
      expect(await echo).toBe('waited');
      // Released, the heartbeat counts as usual again: the connection stays up on its pongs.
      await wait(1_500);
      expect(dropped).toEqual([]);
    });

    it('holds a long-polling connection too: what its client sends waits, unread, until released', async () => {
      const reads = new SocketReads();
      const { client, socket, dropped } = await aConnection('polling');
      expect(socket.conn.transport.name).toBe('polling');
      reads.hold(socket);
      let answered = false;
      const echo = client
        .timeout(5_000)
        .emitWithAck('echo', 'waited')
        .finally(() => (answered = true));
      await wait(3_000);
      expect(dropped).toEqual([]);
      expect(answered).toBe(false);
      reads.release(socket);
      expect(await echo).toBe('waited');
      await wait(1_500);
      expect(dropped).toEqual([]);
    });

    it('(what it guards against) a connection paused without it is dropped for its missing pong', async () => {
      const { socket, dropped } = await aConnection();
      const ws = (socket.conn.transport as unknown as { socket: { pause(): void; resume(): void } }).socket;
      ws.pause();
      await wait(2_500);
      // The server's timer (300 + 600 ms) runs out before the client's (300 + 900 ms).
      expect(dropped).toEqual(['ping timeout']);
      // Read again, so the closing handshake is read now rather than after ws's 30 s timeout.
      ws.resume();
    });
  });
});
