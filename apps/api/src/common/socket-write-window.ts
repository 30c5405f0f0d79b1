import type { Socket as TcpSocket } from 'node:net';

/** The TCP socket under an engine.io connection's websocket transport, if it has one. */
interface EngineTransport {
  name?: string;
  socket?: { _socket?: TcpSocket };
  writable: boolean;
  send(packets: unknown[]): void;
}

interface EngineConnection {
  transport?: EngineTransport;
  on(event: 'upgrade', listener: () => void): unknown;
}

/**
 * Holds every websocket's TCP socket corked and uncorks them all together, once per turn of the
 * event loop (`turn`) or every `ms`: the frames written to one socket in between leave in one
 * writev instead of one each. Kernel socket writes were the largest item of the server's CPU in
 * bench/realtime (writev 26-38 % of the busy time at 100 rooms), one per frame. The wire protocol
 * does not change: the frames are the same, only their syscalls are fewer.
 *
 * engine.io hands a connection's next frames to the socket only once the previous write completed,
 * and until then socket.io drops volatile events (cursors) for it. A held write completes only on
 * the flush, so the transport is kept writable while the socket's buffer is below its high-water
 * mark: frames queue in the held socket and leave together, at most one window late, and a cursor
 * is dropped only when the connection is really backed up, as before.
 */
export class SocketWriteWindow {
  private readonly held = new Set<TcpSocket>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private flushScheduled = false;

  constructor(private readonly window: 'turn' | number) {
    if (typeof window === 'number') this.timer = setInterval(() => this.flush(), window).unref();
  }

  /** Holds this engine.io connection's writes (now, and after an upgrade to websocket). */
  attach(connection: EngineConnection): void {
    this.holdTransport(connection);
    connection.on('upgrade', () => this.holdTransport(connection));
  }

  close(): void {
    clearInterval(this.timer);
    for (const socket of this.held) socket.uncork();
    this.held.clear();
  }

  private holdTransport(connection: EngineConnection): void {
    const transport = connection.transport;
    const tcp = transport?.name === 'websocket' ? transport.socket?._socket : undefined;
    if (!transport || !tcp || this.held.has(tcp) || tcp.destroyed) return;
    const send = transport.send;
    transport.send = (packets) => {
      send.call(transport, packets);
      if (!tcp.writableNeedDrain) transport.writable = true;
    };
    const write = tcp.write;
    tcp.cork();
    this.held.add(tcp);
    tcp.once('close', () => this.held.delete(tcp));
    if (this.window === 'turn') {
      // Flushed once the current turn's work is done: no timer, no delay beyond the turn.
      tcp.write = ((...args: Parameters<TcpSocket['write']>) => {
        this.scheduleFlush();
        return write.apply(tcp, args);
      }) as TcpSocket['write'];
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Sends what each socket holds, in one writev per socket, and holds its next writes again. */
  private flush(): void {
    for (const socket of this.held) {
      if (socket.writableLength === 0) continue;
      socket.uncork();
      socket.cork();
    }
  }
}
