/**
 * A socket.io client over engine.io long-polling that polls only when told to: a peer whose link is
 * slow, as the server sees it. Everything the server sends it waits in the server's write buffer
 * until the next `poll()`. (socket.io-client polls on its own, so the protocol is spoken here
 * directly: engine.io v4 packets, `\x1e` between them in one HTTP body.)
 */
const SEPARATOR = '\x1e';

/** A socket.io event the server sent: its name and payload. */
export interface ReceivedEvent {
  event: string;
  payload: unknown;
}

export class PollingPeer {
  /** Every event received, in order. */
  readonly events: ReceivedEvent[] = [];
  private readonly acks = new Map<number, unknown[]>();
  private nextAckId = 0;
  /** The poll the server holds open, if any. */
  private open: Promise<string[]> | undefined;

  private constructor(private readonly endpoint: string) {}

  /** Opens the engine.io session and connects to socket.io's main namespace with `token`. */
  static async connect(baseUrl: string, token: string): Promise<PollingPeer> {
    const open = await (await fetch(`${baseUrl}/socket.io/?EIO=4&transport=polling`)).text();
    if (!open.startsWith('0')) throw new Error(`unexpected engine.io open packet: ${open}`);
    const { sid } = JSON.parse(open.slice(1)) as { sid: string };
    const peer = new PollingPeer(`${baseUrl}/socket.io/?EIO=4&transport=polling&sid=${sid}`);
    await peer.send(`40${JSON.stringify({ token })}`);
    const connected = await peer.poll();
    if (!connected.some((packet) => packet.startsWith('40'))) {
      throw new Error(`socket.io did not connect: ${connected.join(' | ')}`);
    }
    return peer;
  }

  /** Emits `event` and polls until its ack arrives (at most `polls` times). */
  async call<T>(event: string, payload: unknown, polls = 50): Promise<T> {
    const id = this.nextAckId++;
    await this.send(`42${id}${JSON.stringify([event, payload])}`);
    for (let attempt = 0; attempt < polls && !this.acks.has(id); attempt += 1) await this.poll();
    const ack = this.acks.get(id);
    if (!ack) throw new Error(`no ack for ${event}`);
    return ack[0] as T;
  }

  /**
   * One poll: the packets the server had waiting, or the first it sends (a poll with nothing to
   * read is held open by the server). Events and acks are recorded; a ping is answered. A poll
   * still open is awaited rather than doubled: engine.io closes a session that polls twice at once.
   */
  poll(): Promise<string[]> {
    this.open ??= this.readOnePoll().finally(() => (this.open = undefined));
    return this.open;
  }

  private async readOnePoll(): Promise<string[]> {
    const body = await (await fetch(this.endpoint)).text();
    const packets = body.split(SEPARATOR);
    for (const packet of packets) await this.record(packet);
    return packets;
  }

  /** The events named `event` received so far, as their payloads. */
  received<T>(event: string): T[] {
    return this.events.filter((entry) => entry.event === event).map((entry) => entry.payload as T);
  }

  /** Closes the engine.io session. */
  async close(): Promise<void> {
    await this.send('1').catch(() => undefined);
  }

  private async send(packet: string): Promise<void> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: packet,
    });
    if (!response.ok) throw new Error(`POST ${packet.slice(0, 40)} → ${response.status}`);
  }

  private async record(packet: string): Promise<void> {
    if (packet === '2') return this.send('3'); // ping → pong
    if (packet.startsWith('42')) {
      const [event, payload] = JSON.parse(packet.slice(2)) as [string, unknown];
      this.events.push({ event, payload });
    } else if (packet.startsWith('43')) {
      const [, id, args] = /^43(\d+)(.*)$/s.exec(packet) ?? [];
      if (id !== undefined && args !== undefined) this.acks.set(Number(id), JSON.parse(args) as unknown[]);
    }
  }
}
