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

  it('leaves a long-polling socket’s POSTs unread while held, lets them go when an upgrade starts, and holds the websocket', () => {
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

    // The client completes an upgrade only once its POST is answered: the probe lets it go.
    socket.conn.emit('upgrading');
    expect(polling.handedOn).toEqual([get, post]);
    const websocket = { name: 'websocket', socket: aPausableConnection() };
    socket.conn.transport = websocket as unknown as typeof socket.conn.transport;
    socket.conn.emit('upgrade', websocket);
    expect(websocket.socket.paused).toBe(true);
    expect(reads.isHeld(socket)).toBe(true);
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
    /** Holds a test made: released after it, so a failed test does not leave a request unanswered. */
    const holds: { reads: SocketReads; socket: Socket }[] = [];
    const holdFor = (reads: SocketReads, socket: Socket) => {
      reads.hold(socket);
      holds.push({ reads, socket });
    };
    afterEach(() => {
      holds.splice(0).forEach(({ reads, socket }) => reads.release(socket));
      clients.splice(0).forEach((client) => client.close());
    });
    afterAll(() => server.close());

    /** A connected client, its socket on the server, and the reason it was dropped, if it was. */
    async function aConnection(transports: ('websocket' | 'polling')[] = ['websocket']) {
      const connected = new Promise<Socket>((resolve) => server.once('connection', resolve));
      const client = connect(url, { transports, reconnection: false, forceNew: true });
      clients.push(client);
      const socket = await connected;
      const dropped: string[] = [];
      socket.on('disconnect', (reason) => dropped.push(reason));
      return { client, socket, dropped };
    }
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    /** An echo sent now, and whether the server has answered it yet (it answers once it reads it). */
    const anEcho = (client: ClientSocket, value: string) => {
      let answered = false;
      const answer = client
        .timeout(5_000)
        .emitWithAck('echo', value)
        .finally(() => (answered = true));
      return {
        answer,
        get answered() {
          return answered;
        },
      };
    };

    it.each(['websocket', 'polling'] as const)(
      'keeps a held connection alive past many ping timeouts, and reads what waited once released (%s)',
      async (transport) => {
        const reads = new SocketReads();
        const { client, socket, dropped } = await aConnection([transport]);
        expect(socket.conn.transport.name).toBe(transport);
        holdFor(reads, socket);
        const echo = anEcho(client, 'waited');
        await wait(3_000);
        expect(dropped).toEqual([]);
        expect(echo.answered).toBe(false);
        reads.release(socket);
        expect(await echo.answer).toBe('waited');
        // Released, the heartbeat counts as usual again: the connection stays up on its pongs.
        await wait(1_500);
        expect(dropped).toEqual([]);
      },
    );

    it('lets a connection held on long-polling upgrade to a websocket, and holds that', async () => {
      const reads = new SocketReads();
      // The websocket's handshake is let through only once the socket is held with a POST waiting,
      // so the upgrade's probe comes while that POST is unanswered, as it may in a browser.
      const upgradeListeners = http.listeners('upgrade') as ((...args: unknown[]) => void)[];
      const handshakes: unknown[][] = [];
      http.removeAllListeners('upgrade');
      http.on('upgrade', (...args: unknown[]) => handshakes.push(args));
      const letHandshakesThrough = () => {
        http.removeAllListeners('upgrade');
        for (const listener of upgradeListeners) http.on('upgrade', listener);
        for (const args of handshakes.splice(0))
          for (const listener of upgradeListeners) listener.apply(http, args);
      };
      let connection!: Awaited<ReturnType<typeof aConnection>>;
      let early!: Promise<unknown>;
      try {
        // As the web client connects: long-polling first, then the upgrade.
        connection = await aConnection(['polling', 'websocket']);
        expect(connection.socket.conn.transport.name).toBe('polling');
        holdFor(reads, connection.socket);
        early = connection.client.timeout(5_000).emitWithAck('echo', 'early');
        await wait(300);
      } finally {
        letHandshakesThrough();
      }
      const { client, socket, dropped } = connection;
      for (let waited = 0; socket.conn.transport.name !== 'websocket'; waited += 50) {
        if (waited > 3_000) throw new Error('the held connection never upgraded');
        await wait(50);
      }
      const late = anEcho(client, 'late');
      await wait(1_000);
      expect(late.answered).toBe(false);
      reads.release(socket);
      expect(await early).toBe('early');
      expect(await late.answer).toBe('late');
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
