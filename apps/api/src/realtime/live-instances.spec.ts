import { Server, type Namespace } from 'socket.io';
import { MessageType, type Adapter } from 'socket.io-adapter';
import { UnconnectedClusterAdapter } from '../../test/support/unconnected-cluster-adapter';
import { ALIVE_EVENT, LIVENESS, withLiveInstanceCount, type LivenessChange } from './live-instances';

const PREFIX = 'socket.io-db3';
const SILENT_BEATS = LIVENESS.missedBeforeSilent;

describe('withLiveInstanceCount', () => {
  let io: Server | undefined;
  let adapter: UnconnectedClusterAdapter | undefined;
  let changes: LivenessChange[];
  /** Instances subscribed to their reply channels, as Redis would count them. */
  let subscribed: Set<string>;

  beforeEach(() => {
    jest.useFakeTimers();
    changes = [];
    subscribed = new Set();
    io = new Server({
      adapter: withLiveInstanceCount(
        (namespace: Namespace) => (adapter = new UnconnectedClusterAdapter(namespace)),
        {
          channelPrefix: PREFIX,
          subscribers: (channels) =>
            Promise.resolve(
              channels.map((channel) => {
                const [, nsp, uid] = channel.split('#');
                return nsp === '/' && subscribed.has(uid!) ? 1 : 0;
              }),
            ),
          report: (change) => changes.push(change),
        },
      ) as unknown as typeof Adapter,
    });
    io.of('/');
  });
  afterEach(() => {
    jest.useRealTimers();
    adapter?.close();
    adapter = undefined;
  });

  const the = () => adapter!;
  /** Hands the adapter a message from `uid`, as its transport does with what it reads. */
  const receive = (uid: string, type: MessageType, data: unknown) =>
    (the() as unknown as { onMessage(message: unknown): void }).onMessage({ uid, nsp: '/', type, data });
  const heardFrom = (uid: string) => receive(uid, MessageType.SERVER_SIDE_EMIT, { packet: [ALIVE_EVENT] });
  /** This instance's next beats, with its own last beat and `alive` heard before each. */
  const beats = async (count: number, alive: string[] = []) => {
    for (let beat = 0; beat < count; beat += 1) {
      heardFrom(the().instanceUid);
      alive.forEach(heardFrom);
      await jest.advanceTimersByTimeAsync(LIVENESS.beatMs);
    }
  };
  const aliveBeats = () =>
    the().published.filter(
      (message) =>
        message.type === MessageType.SERVER_SIDE_EMIT &&
        (message as { data: { packet: unknown[] } }).data.packet[0] === ALIVE_EVENT,
    ).length;
  /** What Redis sees: this instance and `others` subscribed, each to its channels. */
  const redisCounts = (...others: string[]) => {
    the().subscribed = others.length + 1;
    subscribed = new Set(others);
  };
  /** A cursor another instance broadcast: a message, not a beat. */
  const aCursorFrom = (uid: string) =>
    receive(uid, MessageType.BROADCAST, {
      packet: { type: 2, nsp: '/', data: ['pointer:update', {}] },
      opts: { rooms: [], except: [] },
    });
  /** b and c heard, then c silent for as many beats while still subscribed. */
  const cHangs = async () => {
    redisCounts('b', 'c');
    await beats(1, ['b', 'c']);
    await beats(SILENT_BEATS, ['b']);
  };

  it('says it is alive at once, then at every beat, and stops when closed', async () => {
    expect(aliveBeats()).toBe(1);
    await beats(3);
    expect(aliveBeats()).toBe(4);
    the().close();
    await beats(3);
    expect(aliveBeats()).toBe(4);
  });

  it('counts as Redis does an instance it never heard (just started, or of a release without beats)', async () => {
    redisCounts('b', 'c');
    await beats(SILENT_BEATS * 2, ['b']);
    expect(await the().serverCount()).toBe(3);
    expect(changes).toEqual([]);
  });

  it('counts as Redis does an instance that sends messages but never beats (an older release)', async () => {
    redisCounts('b', 'old');
    aCursorFrom('old');
    await beats(SILENT_BEATS * 2, ['b']);
    expect(await the().serverCount()).toBe(3);
    expect(changes).toEqual([]);
  });

  it('leaves out an instance that went silent but is still subscribed, until it is heard again', async () => {
    redisCounts('b', 'c');
    await beats(1, ['b', 'c']);
    await beats(SILENT_BEATS - 1, ['b']);
    expect(await the().serverCount()).toBe(3);
    await beats(1, ['b']);
    expect(await the().serverCount()).toBe(2);
    expect(changes).toEqual([{ uid: 'c', silent: true }]);

    // Any message is a sign of life, not only a beat.
    aCursorFrom('c');
    expect(await the().serverCount()).toBe(3);
    expect(changes).toEqual([
      { uid: 'c', silent: true },
      { uid: 'c', silent: false },
    ]);
  });

  it('forgets without a word an instance that stopped: Redis no longer counts it', async () => {
    redisCounts('b');
    await beats(1, ['b', 'c']);
    await beats(SILENT_BEATS, ['b']);
    expect(await the().serverCount()).toBe(2);
    expect(changes).toEqual([]);
  });

  it('counts an instance heard again while Redis was being asked', async () => {
    await cHangs();
    const counting = the().serverCount();
    heardFrom('c');
    expect(await counting).toBe(3);
  });

  it('does not take it off twice when it dies while left out', async () => {
    await cHangs();
    expect(await the().serverCount()).toBe(2);
    redisCounts('b');
    expect(await the().serverCount()).toBe(2);
  });

  it('gives no verdict while it does not hear its own beats come back (Redis away)', async () => {
    redisCounts('b', 'c');
    await beats(1, ['b', 'c']);
    for (let beat = 0; beat < SILENT_BEATS * 2; beat += 1)
      await jest.advanceTimersByTimeAsync(LIVENESS.beatMs);
    expect(await the().serverCount()).toBe(3);
    expect(changes).toEqual([]);
  });

  it('takes no answer from an instance it left out to a question asked meanwhile', async () => {
    await cHangs();
    const answered = jest.fn();
    await the().serverSideEmit(['scene:settle', 's1', answered]);
    const question = (the().published.at(-1) as { data: { requestId: string } }).data;
    const answer = (uid: string) =>
      receive(uid, MessageType.SERVER_SIDE_EMIT_RESPONSE, { requestId: question.requestId, packet: [uid] });

    answer('c');
    expect(answered).not.toHaveBeenCalled();
    answer('b');
    expect(answered).toHaveBeenCalledWith(null, [['b']]);
    // Heard again all the same.
    expect(changes.at(-1)).toEqual({ uid: 'c', silent: false });
  });

  it('takes every answer to a question asked while nobody was left out', async () => {
    redisCounts('b', 'c');
    await beats(1, ['b', 'c']);
    const answered = jest.fn();
    await the().serverSideEmit(['scene:settle', 's1', answered]);
    const question = (the().published.at(-1) as { data: { requestId: string } }).data;
    for (const uid of ['c', 'b'])
      receive(uid, MessageType.SERVER_SIDE_EMIT_RESPONSE, { requestId: question.requestId, packet: [uid] });
    expect(answered).toHaveBeenCalledWith(null, [['c'], ['b']]);
  });
});
