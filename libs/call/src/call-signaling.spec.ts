import { CALL_EVENTS, type CallJoinAck, type ErrorAck, type SocketErrorCode } from '@mockboard/contracts';
import { CallSignaling, type JoinOutcome } from './call-signaling';
import type { CallTransport } from './call-transport';

const SESSION = 'e0000000-0000-4000-8000-000000000000';
const JOINED: CallJoinAck = {
  ok: true,
  iceServers: [],
  iceTransportPolicy: 'all',
  credentialsExpireAt: null,
  peers: [],
};
const refusal = (code: SocketErrorCode): ErrorAck => ({
  ok: false,
  error: { code, message: `refused: ${code}` },
});

/** A joined connection whose call:join acks come from `answers`, one per join, in order. */
function aTransport(answers: unknown[]): CallTransport & { joins: number } {
  return {
    joins: 0,
    joined: true,
    request(event) {
      if (event === CALL_EVENTS.join) this.joins++;
      return Promise.resolve(answers.shift());
    },
    send: () => undefined,
    on: () => () => undefined,
    onJoined: () => () => undefined,
    onDisconnected: () => () => undefined,
  };
}

/** A call that joins through `signaling` on every rejoin, recording what each join heard. */
function aCall(transport: CallTransport) {
  const heard: string[] = [];
  const outcome: JoinOutcome = {
    answered: () => heard.push('answered'),
    refused: (message) => heard.push(message),
  };
  const signaling: CallSignaling = new CallSignaling(SESSION, {
    isActive: () => true,
    rejoin: () => signaling.join({ sessionId: SESSION }, outcome),
    changed: () => undefined,
  });
  signaling.attach(transport, {});
  return { signaling, heard };
}

describe('joining the call', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it.each<SocketErrorCode>(['unavailable', 'rate_limited', 'internal'])(
    'tries again a second after a join refused as %s, and is in the call once it is answered',
    async (code) => {
      const transport = aTransport([refusal(code), JOINED]);
      const { signaling, heard } = aCall(transport);
      await jest.advanceTimersByTimeAsync(999);
      expect(transport.joins).toBe(1);
      expect(heard).toEqual([]);

      await jest.advanceTimersByTimeAsync(1);
      expect(transport.joins).toBe(2);
      expect(heard).toEqual(['answered']);
      expect(signaling.inCall).toBe(true);
    },
  );

  it('stops at a refusal that stands, with the server’s reason', async () => {
    const transport = aTransport([refusal('forbidden')]);
    const { signaling, heard } = aCall(transport);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(transport.joins).toBe(1);
    expect(heard).toEqual(['refused: forbidden']);
    expect(signaling.inCall).toBe(false);
  });
});
