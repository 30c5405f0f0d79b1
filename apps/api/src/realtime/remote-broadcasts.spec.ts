import { Server, type Namespace } from 'socket.io';
import { Adapter, MessageType } from 'socket.io-adapter';
import { UnconnectedClusterAdapter } from '../../test/support/unconnected-cluster-adapter';
import {
  HOOK_ERROR_REPORT_MS,
  withRemoteBroadcastHook,
  type RemoteBroadcast,
  type RemoteBroadcastHook,
} from './remote-broadcasts';

interface Delivery {
  rooms: string[];
  except: string[];
}

describe('withRemoteBroadcastHook', () => {
  let io: Server;
  let seen: RemoteBroadcast[];
  let hookErrors: [unknown, number][];
  let deliveries: Delivery[];
  let hook: RemoteBroadcastHook['beforeDelivery'];

  beforeEach(() => {
    seen = [];
    hookErrors = [];
    deliveries = [];
    hook = () => undefined;
    // What the in-memory adapter is asked to deliver to this instance's sockets.
    jest.spyOn(Adapter.prototype, 'broadcast').mockImplementation((_packet, options) => {
      deliveries.push({ rooms: [...options.rooms], except: [...(options.except ?? [])] });
    });
    io = new Server({
      adapter: withRemoteBroadcastHook(
        (namespace: Namespace) => new UnconnectedClusterAdapter(namespace),
        {
          events: new Set(['scene:update']),
          beforeDelivery: (namespace, broadcast) => {
            seen.push({ ...broadcast, except: new Set(broadcast.except) });
            hook(namespace, broadcast);
          },
        },
        (error, failures) => hookErrors.push([error, failures]),
      ) as unknown as typeof Adapter,
    });
  });
  // The server was never attached to an HTTP server, and this adapter keeps no timers: nothing to close.
  afterEach(() => jest.restoreAllMocks());

  /** Hands the root namespace's adapter a message, as its transport does with what it reads. */
  const receive = (message: { type: MessageType; uid?: string; nsp?: string; data?: unknown }) =>
    (io.of('/').adapter as unknown as { onMessage(message: unknown): void }).onMessage({
      uid: 'another-instance',
      nsp: '/',
      ...message,
    });
  const aBroadcast = (extra: Record<string, unknown> = {}) => ({
    type: MessageType.BROADCAST,
    data: {
      packet: { type: 2, nsp: '/', data: ['scene:update', { sessionId: 's1' }] },
      opts: { rooms: ['session:s1'], except: ['sender'], flags: {} },
      ...extra,
    },
  });

  it('shows the hook a broadcast from another instance, and skips the sockets it adds', () => {
    hook = (_namespace, broadcast) => broadcast.except.add('behind');
    receive(aBroadcast());
    expect(seen).toEqual([
      {
        event: 'scene:update',
        payload: { sessionId: 's1' },
        rooms: ['session:s1'],
        except: new Set(['sender']),
      },
    ]);
    expect(deliveries).toEqual([{ rooms: ['session:s1'], except: ['sender', 'behind'] }]);
  });

  it('delivers a broadcast as sent when the hook throws, and reports the error', () => {
    hook = (_namespace, broadcast) => {
      broadcast.except.add('behind');
      throw new Error('hook failed');
    };
    receive(aBroadcast());
    expect(hookErrors).toEqual([[new Error('hook failed'), 1]]);
    expect(deliveries).toEqual([{ rooms: ['session:s1'], except: ['sender'] }]);
  });

  it('reports a hook that keeps throwing once a minute at most, with how many broadcasts it failed', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      hook = () => {
        throw new Error('hook failed');
      };
      for (let count = 0; count < 5; count += 1) receive(aBroadcast());
      expect(hookErrors).toHaveLength(1);
      jest.setSystemTime(1_000_000 + HOOK_ERROR_REPORT_MS);
      receive(aBroadcast());
      expect(hookErrors.map(([, failures]) => failures)).toEqual([1, 5]);
      expect(deliveries).toHaveLength(6);
    } finally {
      jest.useRealTimers();
    }
  });

  it('leaves out what is not a plain broadcast from another instance of this namespace', () => {
    const ownUid = (io.of('/').adapter as unknown as { uid: string }).uid;
    receive({ ...aBroadcast(), uid: ownUid });
    receive({ ...aBroadcast(), nsp: '/other' });
    receive(aBroadcast({ requestId: 'r1' }));
    receive({ type: MessageType.SOCKETS_JOIN, data: { opts: { rooms: [], except: [] }, rooms: ['x'] } });
    receive({ ...aBroadcast(), data: { ...aBroadcast().data, packet: { type: 2, nsp: '/', data: 'odd' } } });
    receive({
      ...aBroadcast(),
      data: { ...aBroadcast().data, packet: { type: 2, nsp: '/', data: ['pointer:update', {}] } },
    });
    expect(seen).toEqual([]);
    expect(hookErrors).toEqual([]);
  });
});
