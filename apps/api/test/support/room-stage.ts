import type { Socket } from 'socket.io-client';
import { signUp, type SignedUpUser } from './factories';
import { aLiveSession, call, connect, type Transport } from './room-client';
import { stageField } from './stage-field';
import { startTestApp, type TestApp } from './test-app';

/** What a live-room test file works with; the users and the session are new for every test. */
export interface LiveRoomStage {
  readonly server: TestApp;
  /** Interviews first. */
  readonly host: SignedUpUser;
  readonly guest: SignedUpUser;
  readonly sessionId: string;
  /** Every socket `open` or `joined` made in the current test, in order; disconnected after it. */
  readonly sockets: Socket[];
  /** A connected socket of `user` (on a websocket unless told), disconnected after the test. */
  open(user: SignedUpUser, transport?: Transport): Promise<Socket>;
  /** As `open`, and joined to the session's room (the join is expected to succeed). */
  joined(user: SignedUpUser, transport?: Transport): Promise<Socket>;
}

/**
 * One test app per file and, before each test, a host and a guest with a live session between
 * them. Registers its own hooks, so call it at the top of a `describe`; read the fields inside
 * tests (they change per test), and pass `env` for app settings such as ADMIN_EMAILS.
 */
export function liveRoomStage(env: Record<string, string> = {}): LiveRoomStage {
  const ready = <T>(value: T | undefined) => stageField(value, 'live-room stage');
  let server: TestApp | undefined;
  let host: SignedUpUser | undefined;
  let guest: SignedUpUser | undefined;
  let sessionId: string | undefined;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestApp(env);
  });
  beforeEach(async () => {
    const url = ready(server).url;
    host = await signUp(url);
    guest = await signUp(url);
    sessionId = (await aLiveSession(url, host, guest)).id;
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));
  afterAll(() => server?.close());

  const open = async (user: SignedUpUser, transport?: Transport) => {
    const socket = await connect(ready(server).url, user, transport);
    sockets.push(socket);
    return socket;
  };
  return {
    get server() {
      return ready(server);
    },
    get host() {
      return ready(host);
    },
    get guest() {
      return ready(guest);
    },
    get sessionId() {
      return ready(sessionId);
    },
    sockets,
    open,
    async joined(user, transport) {
      const socket = await open(user, transport);
      expect(await call(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
      return socket;
    },
  };
}
