import type { Socket } from 'socket.io-client';
import type { JoinAck } from '@mockboard/contracts';
import type { SignedUpUser } from './support/factories';
import { PollingPeer } from './support/polling-peer';
import { call, connect } from './support/room-client';
import {
  expectCoalescedDrag,
  expectHeldStrokesBeforeStateChange,
  expectNoRefusedCopyAfterRestore,
} from './support/slow-peer';
import type { TestApp } from './support/test-app';
import { twoInstancesOnRedis } from './support/two-instances';

/**
 * Issue 18: a peer that falls behind is sent its partner's strokes coalesced, also when the partner
 * is connected to another instance (after a replica restarted, say) and the strokes reach the peer's
 * instance through Redis. Only that instance sees the peer's connection back up, so it holds the
 * copies, as it does for strokes drawn on itself (room-slow-peer.test.ts). The drawing host is on
 * instance one; the slow guest, which polls over long-polling only when the test says so, is on two.
 */
describe('a peer behind on another instance than its partner', () => {
  const stage = twoInstancesOnRedis();
  const sockets: Socket[] = [];
  const peers: PollingPeer[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
  });

  async function joinedOn(app: TestApp, user: SignedUpUser): Promise<Socket> {
    const socket = await connect(app.url, user);
    sockets.push(socket);
    expect(await call(socket, 'session:join', { sessionId: stage.sessionId })).toMatchObject({ ok: true });
    return socket;
  }

  async function aSlowGuestOnTwo(): Promise<PollingPeer> {
    const peer = await PollingPeer.connect(stage.two.url, stage.guest.accessToken);
    peers.push(peer);
    expect((await peer.call<JoinAck>('session:join', { sessionId: stage.sessionId })).ok).toBe(true);
    return peer;
  }

  it('sends the slow peer where each element is now, while a peer that keeps up on its instance gets every step', async () => {
    const { one, two, host, sessionId } = stage;
    const sender = await joinedOn(one, host);
    const otherTabOnTwo = await joinedOn(two, host);
    const slow = await aSlowGuestOnTwo();
    await expectCoalescedDrag({ sender, slow, sessionId, dataSource: one.dataSource }, otherTabOnTwo);
  });

  it('sends the slow peer the strokes made before a change of the room, then the change', async () => {
    const { one, host, sessionId } = stage;
    const sender = await joinedOn(one, host);
    const slow = await aSlowGuestOnTwo();
    await expectHeldStrokesBeforeStateChange({ sender, slow, sessionId, dataSource: one.dataSource });
  });

  it('never sends the slow peer a copy the server refused, after telling it to take the copy back', async () => {
    const { one, host, sessionId } = stage;
    const sender = await joinedOn(one, host);
    const slow = await aSlowGuestOnTwo();
    await expectNoRefusedCopyAfterRestore({ sender, slow, sessionId, dataSource: one.dataSource });
  });
});
