import { anEngineSocket as aSocket } from '../../test/support/engine-socket';
import { SocketReads } from '../realtime/socket-reads';
import {
  IN_FLIGHT_BUDGET,
  IN_FLIGHT_BYTES_BUDGET,
  IN_FLIGHT_BYTES_PER_SOCKET,
  IN_FLIGHT_BYTES_WHEN_BEHIND,
  IN_FLIGHT_PER_SOCKET,
  IN_FLIGHT_WHEN_BEHIND,
  MAX_HOLD_MS,
  SceneBackpressure,
} from './scene-backpressure';

/**
 * Updates whose answers the test gives: `started` lists them in the order they began. Each weighs
 * `bytes` once started, as a validated update does.
 */
function updates() {
  const started: number[] = [];
  const answers = new Map<number, () => void>();
  const update =
    (id: number, bytes = 500) =>
    (weigh: (bytes: number) => void) =>
      new Promise<void>((resolve) => {
        weigh(bytes);
        started.push(id);
        answers.set(id, resolve);
      });
  const answer = async (id: number) => {
    answers.get(id)!();
    // The answer's continuation (SceneBackpressure's finally) runs after a few microtasks.
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  };
  return { started, update, answer };
}

describe('SceneBackpressure', () => {
  afterEach(() => jest.useRealTimers());

  it('takes a socket’s updates at once up to its allowance, then holds its reads and parks the rest in order', async () => {
    const backpressure = new SceneBackpressure(new SocketReads());
    const { socket, connection } = aSocket();
    const { started, update, answer } = updates();
    for (let id = 1; id <= IN_FLIGHT_PER_SOCKET + 3; id += 1) backpressure.take(socket, update(id));
    expect(started).toHaveLength(IN_FLIGHT_PER_SOCKET);
    expect(backpressure.waiting).toBe(IN_FLIGHT_PER_SOCKET);
    expect(connection.paused).toBe(true);

    await answer(1);
    expect(started.at(-1)).toBe(IN_FLIGHT_PER_SOCKET + 1);
    expect(connection.paused).toBe(true);
    await answer(2);
    await answer(3);
    // All parked ones started, in the order they were read: the socket is read again.
    expect(started.slice(IN_FLIGHT_PER_SOCKET)).toEqual([1, 2, 3].map((n) => IN_FLIGHT_PER_SOCKET + n));
    expect(connection.paused).toBe(false);
    // Still at its allowance: a later update waits for the next answer, then starts at once.
    backpressure.take(socket, update(1_000));
    expect(started).not.toContain(1_000);
    await answer(4);
    expect(connection.paused).toBe(false);
    expect(started.at(-1)).toBe(1_000);
  });

  it('holds one socket without slowing another', () => {
    const backpressure = new SceneBackpressure(new SocketReads());
    const busy = aSocket();
    const quiet = aSocket();
    const { started, update } = updates();
    for (let id = 1; id <= IN_FLIGHT_PER_SOCKET + 1; id += 1) backpressure.take(busy.socket, update(id));
    backpressure.take(quiet.socket, update(-1));
    expect(started.at(-1)).toBe(-1);
    expect(busy.connection.paused).toBe(true);
    expect(quiet.connection.paused).toBe(false);
  });

  it('gives each socket only IN_FLIGHT_WHEN_BEHIND once IN_FLIGHT_BUDGET updates wait in all', () => {
    const backpressure = new SceneBackpressure(new SocketReads());
    const { started, update } = updates();
    const busySockets = Math.ceil(IN_FLIGHT_BUDGET / IN_FLIGHT_PER_SOCKET);
    for (let s = 0; s < busySockets; s += 1) {
      const { socket } = aSocket();
      for (let i = 0; i < IN_FLIGHT_PER_SOCKET; i += 1) backpressure.take(socket, update(s));
    }
    expect(backpressure.waiting).toBeGreaterThanOrEqual(IN_FLIGHT_BUDGET);
    const late = aSocket();
    for (let id = 1; id <= IN_FLIGHT_WHEN_BEHIND + 2; id += 1)
      backpressure.take(late.socket, update(10_000 + id));
    expect(started.filter((id) => id > 10_000)).toHaveLength(IN_FLIGHT_WHEN_BEHIND);
    expect(late.connection.paused).toBe(true);
  });

  it('reads a held socket again after MAX_HOLD_MS when only the database is slow, and starts all it parked', () => {
    jest.useFakeTimers();
    const backpressure = new SceneBackpressure(new SocketReads());
    const { socket, connection } = aSocket();
    const { started, update } = updates();
    for (let id = 1; id <= IN_FLIGHT_PER_SOCKET + 5; id += 1) backpressure.take(socket, update(id));
    jest.advanceTimersByTime(MAX_HOLD_MS - 1);
    expect(connection.paused).toBe(true);
    jest.advanceTimersByTime(1);
    expect(started).toHaveLength(IN_FLIGHT_PER_SOCKET + 5);
    expect(connection.paused).toBe(false);
    // Until its answers bring it under its allowance, its updates start as they come.
    backpressure.take(socket, update(1_000));
    expect(started.at(-1)).toBe(1_000);
  });

  it('keeps holding past MAX_HOLD_MS while the server as a whole is behind', () => {
    jest.useFakeTimers();
    const backpressure = new SceneBackpressure(new SocketReads());
    const { update } = updates();
    for (let s = 0; s < Math.ceil(IN_FLIGHT_BUDGET / IN_FLIGHT_PER_SOCKET); s += 1) {
      const { socket } = aSocket();
      for (let i = 0; i < IN_FLIGHT_PER_SOCKET; i += 1) backpressure.take(socket, update(s));
    }
    const held = aSocket();
    for (let i = 0; i < IN_FLIGHT_WHEN_BEHIND + 1; i += 1) backpressure.take(held.socket, update(-1));
    jest.advanceTimersByTime(3 * MAX_HOLD_MS);
    expect(held.connection.paused).toBe(true);
  });

  it('drops what a gone socket parked and reads it again, so its close is read', () => {
    const backpressure = new SceneBackpressure(new SocketReads());
    const { socket, connection, disconnect } = aSocket();
    const { started, update, answer } = updates();
    for (let id = 1; id <= IN_FLIGHT_PER_SOCKET + 2; id += 1) backpressure.take(socket, update(id));
    disconnect();
    expect(connection.paused).toBe(false);
    return answer(1).then(() => expect(started).toHaveLength(IN_FLIGHT_PER_SOCKET));
  });

  it('stops an overdue socket again once the instance is behind', () => {
    jest.useFakeTimers();
    const backpressure = new SceneBackpressure(new SocketReads());
    const overdue = aSocket();
    const { started, update } = updates();
    for (let id = 1; id <= IN_FLIGHT_PER_SOCKET + 1; id += 1) backpressure.take(overdue.socket, update(id));
    jest.advanceTimersByTime(MAX_HOLD_MS);
    expect(overdue.connection.paused).toBe(false);
    // Other sockets fill the instance's budget: the overdue one takes nothing more.
    for (let s = 0; backpressure.waiting < IN_FLIGHT_BUDGET && s < 1_000; s += 1) {
      const { socket } = aSocket();
      for (let i = 0; i < IN_FLIGHT_PER_SOCKET; i += 1) backpressure.take(socket, update(-1));
    }
    backpressure.take(overdue.socket, update(1_000));
    expect(started).not.toContain(1_000);
    expect(overdue.connection.paused).toBe(true);
  });

  it('tells when every update a socket has sent so far has started, for the events sent after them', async () => {
    const backpressure = new SceneBackpressure(new SocketReads());
    const { socket } = aSocket();
    const { update, answer } = updates();
    await backpressure.started(socket);
    for (let id = 1; id <= IN_FLIGHT_PER_SOCKET + 2; id += 1) backpressure.take(socket, update(id));
    let done = false;
    const allStarted = backpressure.started(socket).then(() => (done = true));
    await answer(1);
    expect(done).toBe(false);
    await answer(2);
    await allStarted;
    expect(done).toBe(true);
  });

  it('holds a socket whose few updates in flight weigh IN_FLIGHT_BYTES_PER_SOCKET, and gives back their weight once answered', async () => {
    const backpressure = new SceneBackpressure(new SocketReads());
    const { socket, connection } = aSocket();
    const { started, update, answer } = updates();
    const large = IN_FLIGHT_BYTES_PER_SOCKET / 4;
    for (let id = 1; id <= 6; id += 1) backpressure.take(socket, update(id, large));
    expect(started).toEqual([1, 2, 3, 4]);
    expect(backpressure.waitingBytes).toBe(IN_FLIGHT_BYTES_PER_SOCKET);
    expect(connection.paused).toBe(true);

    await answer(1);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    for (const id of [2, 3, 4, 5]) await answer(id);
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(connection.paused).toBe(false);
    await answer(6);
    expect(backpressure.waiting).toBe(0);
    expect(backpressure.waitingBytes).toBe(0);
  });

  it('always starts one update of any weight when its socket has nothing in flight', () => {
    const backpressure = new SceneBackpressure(new SocketReads());
    const { socket, connection } = aSocket();
    const { started, update } = updates();
    backpressure.take(socket, update(1, 3 * IN_FLIGHT_BYTES_PER_SOCKET));
    backpressure.take(socket, update(2));
    expect(started).toEqual([1]);
    expect(connection.paused).toBe(true);
  });

  it('gives each socket one large update at a time once IN_FLIGHT_BYTES_BUDGET waits in all, however few updates that is', () => {
    const backpressure = new SceneBackpressure(new SocketReads());
    const { started, update } = updates();
    // Bounded: were weighing broken, the loop would end and the expectations below fail.
    for (let s = 0; backpressure.waitingBytes < IN_FLIGHT_BYTES_BUDGET && s < 100; s += 1) {
      const { socket } = aSocket();
      for (let i = 0; i < 4; i += 1) backpressure.take(socket, update(s, IN_FLIGHT_BYTES_PER_SOCKET / 4));
    }
    expect(backpressure.waiting).toBeLessThan(IN_FLIGHT_BUDGET / 100);
    const late = aSocket();
    backpressure.take(late.socket, update(-1, IN_FLIGHT_BYTES_WHEN_BEHIND));
    backpressure.take(late.socket, update(-2));
    expect(started.filter((id) => id < 0)).toEqual([-1]);
    expect(late.connection.paused).toBe(true);
  });

  it('keeps an overdue socket within its bytes, however long the stall lasts', () => {
    jest.useFakeTimers();
    const backpressure = new SceneBackpressure(new SocketReads());
    const heavy = aSocket();
    const { started, update } = updates();
    const stroke = IN_FLIGHT_BYTES_PER_SOCKET / 4;
    for (let id = 1; id <= 6; id += 1) backpressure.take(heavy.socket, update(id, stroke));
    expect(started).toEqual([1, 2, 3, 4]);
    jest.advanceTimersByTime(3 * MAX_HOLD_MS);
    // Overdue, it would take updates however many wait, but these weigh its allowance already.
    expect(started).toEqual([1, 2, 3, 4]);
    expect(heavy.connection.paused).toBe(true);
    expect(backpressure.waitingBytes).toBe(IN_FLIGHT_BYTES_PER_SOCKET);
  });
});
