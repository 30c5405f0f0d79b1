import { Server, type Namespace } from 'socket.io';
import { MessageType, type Adapter } from 'socket.io-adapter';
import { UnconnectedClusterAdapter } from '../../test/support/unconnected-cluster-adapter';
import { ALIVE_EVENT, LIVENESS, withLiveInstanceCount, type LivenessChange } from './live-instances';

describe('withLiveInstanceCount', () => {
  let io: Server;
  let adapter: UnconnectedClusterAdapter;
  let changes: LivenessChange[];

  beforeEach(() => {
    jest.useFakeTimers();
    changes = [];
    io = new Server({
      adapter: withLiveInstanceCount(
        (namespace: Namespace) => (adapter = new UnconnectedClusterAdapter(namespace)),
        (change) => changes.push(change),
      ) as unknown as typeof Adapter,
    });
    io.of('/');
  });
  afterEach(() => {
    adapter.close();
    jest.useRealTimers();
  });

  /** A message from another instance, as the adapter's transport hands it over. */
  const heardFrom = (uid: string) =>
    (adapter as unknown as { onMessage(message: unknown): void }).onMessage({
      uid,
      nsp: '/',
      type: MessageType.SERVER_SIDE_EMIT,
      data: { packet: [ALIVE_EVENT] },
    });
  /** This instance's next beats, with `alive` heard from before each. */
  const beats = (count: number, alive: string[] = []) => {
    for (let beat = 0; beat < count; beat += 1) {
      alive.forEach(heardFrom);
      jest.advanceTimersByTime(LIVENESS.beatMs);
    }
  };
  const aliveBeats = () =>
    adapter.published.filter(
      (message) =>
        message.type === MessageType.SERVER_SIDE_EMIT &&
        (message.data as { packet: unknown[] }).packet[0] === ALIVE_EVENT,
    ).length;

  it('says it is alive at once, then at every beat, and stops when closed', () => {
    expect(aliveBeats()).toBe(1);
    beats(3);
    expect(aliveBeats()).toBe(4);
    adapter.close();
    beats(3);
    expect(aliveBeats()).toBe(4);
  });

  it('counts the subscribed instances until it has beaten long enough to have heard them all', async () => {
    adapter.subscribed = 3;
    beats(LIVENESS.missedBeforeSilent - 1);
    expect(await adapter.serverCount()).toBe(3);
  });

  it('leaves out an instance silent for as many beats, and counts it again once it is heard', async () => {
    adapter.subscribed = 3;
    beats(LIVENESS.missedBeforeSilent, ['b', 'c']);
    expect(await adapter.serverCount()).toBe(3);

    beats(LIVENESS.missedBeforeSilent - 1, ['b']);
    expect(await adapter.serverCount()).toBe(3);
    expect(changes).toEqual([]);
    beats(1, ['b']);
    expect(await adapter.serverCount()).toBe(2);
    expect(changes).toEqual([{ uid: 'c', silent: true }]);

    beats(2, ['b']);
    expect(changes).toHaveLength(1);
    heardFrom('c');
    expect(await adapter.serverCount()).toBe(3);
    expect(changes).toEqual([
      { uid: 'c', silent: true },
      { uid: 'c', silent: false },
    ]);
  });

  it('never counts more instances than are subscribed: one that died is gone at once', async () => {
    beats(LIVENESS.missedBeforeSilent, ['b', 'c']);
    adapter.subscribed = 2;
    expect(await adapter.serverCount()).toBe(2);
  });

  it('takes any message as a sign of life, not only a beat', async () => {
    adapter.subscribed = 2;
    beats(LIVENESS.missedBeforeSilent * 2, []);
    expect(await adapter.serverCount()).toBe(1);
    (adapter as unknown as { onMessage(message: unknown): void }).onMessage({
      uid: 'b',
      nsp: '/',
      type: MessageType.BROADCAST,
      data: { packet: { type: 2, nsp: '/', data: ['pointer:update', {}] }, opts: { rooms: [], except: [] } },
    });
    expect(await adapter.serverCount()).toBe(2);
  });

  it('does not take its own messages for another instance', async () => {
    adapter.subscribed = 2;
    beats(LIVENESS.missedBeforeSilent, [adapter.instanceUid]);
    expect(await adapter.serverCount()).toBe(1);
  });
});
