/// <reference lib="dom" />
import { CallClient, collabTransport } from '@mockboard/call';
import { CollabClient } from './support/collab-client';
import type { SignedUpUser } from './support/factories';
import { liveRoomStage } from './support/room-stage';
import { waitUntil } from './support/room-tab';
import { ScriptedPeerConnection, scriptedMedia } from './support/scripted-peer-connection';

/**
 * The call engine of @mockboard/call (CallClient, PeerLink: perfect negotiation) driven from Node through the
 * real server's call:* signaling, with scripted peer connections standing in for WebRTC.
 */
describe('negotiating the call through the real server', () => {
  const stage = liveRoomStage();
  const tabs: CallTab[] = [];
  afterEach(() => tabs.splice(0).forEach((tab) => tab.close()));

  interface CallTab {
    room: CollabClient;
    call: CallClient;
    connections: ScriptedPeerConnection[];
    close(): void;
  }

  /** One tab of `user`: its room connection and its call, started at once (joining when the room has). */
  function aTab(user: SignedUpUser): CallTab {
    const room = new CollabClient({
      sessionId: stage.sessionId,
      url: stage.server.url,
      token: user.accessToken,
      socketOptions: { transports: ['websocket'] },
    });
    const connections: ScriptedPeerConnection[] = [];
    const call = new CallClient({
      sessionId: stage.sessionId,
      myUserId: user.user.id,
      media: scriptedMedia(),
      createPeerConnection: (config) => {
        const connection = new ScriptedPeerConnection(config);
        connections.push(connection);
        return connection as unknown as RTCPeerConnection;
      },
    });
    const detach = call.attach(collabTransport(room));
    call.start();
    const tab = {
      room,
      call,
      connections,
      close() {
        detach();
        call.stop();
        // The tab's current room connection: newRoom() replaces the first one.
        tab.room.close();
      },
    };
    tabs.push(tab);
    return tab;
  }

  const open = (tab: CallTab) =>
    tab.connections.filter((connection) => connection.signalingState !== 'closed');
  const describeTab = (tab: CallTab) =>
    `${tab.call.getSnapshot().phase}: ${open(tab)
      .map((connection) => `${connection.signalingState}/${connection.connectionState}`)
      .join(', ')}`;

  /** Each side holds exactly one open connection, negotiated with the other side's one, and media flows. */
  async function oneConnectionEach(
    a: CallTab,
    b: CallTab,
  ): Promise<[ScriptedPeerConnection, ScriptedPeerConnection]> {
    await waitUntil(
      () => {
        const [mine, theirs] = [open(a), open(b)];
        return (
          mine.length === 1 &&
          theirs.length === 1 &&
          mine[0]!.negotiatedWith === theirs[0]!.id &&
          theirs[0]!.negotiatedWith === mine[0]!.id &&
          [...mine, ...theirs].every(
            (c) => c.signalingState === 'stable' && c.connectionState === 'connected',
          )
        );
      },
      () => `one negotiated connection on each side (a: ${describeTab(a)}; b: ${describeTab(b)})`,
      10_000,
    );
    await waitUntil(
      () => a.call.getSnapshot().phase === 'connected' && b.call.getSnapshot().phase === 'connected',
      () => `both calls say connected (a: ${describeTab(a)}; b: ${describeTab(b)})`,
      10_000,
    );
    return [open(a)[0]!, open(b)[0]!];
  }

  it('connects two tabs that join at once with exactly one negotiated connection per side', async () => {
    const a = aTab(stage.host);
    const b = aTab(stage.guest);
    await Promise.all([a.room.connect(), b.room.connect()]);

    const [ours, theirs] = await oneConnectionEach(a, b);
    // Only the impolite side offered first: nobody made a second connection to the same partner.
    expect(a.connections.length + b.connections.length).toBe(2);
    expect(ours.negotiations).toBeGreaterThanOrEqual(1);
    expect(theirs.negotiations).toBeGreaterThanOrEqual(1);
    expect(a.call.getSnapshot().remotes.map((remote) => remote.userId)).toEqual([stage.guest.user.id]);
    expect(b.call.getSnapshot().remotes.map((remote) => remote.userId)).toEqual([stage.host.user.id]);
  });

  it('settles an offer collision (both media paths fail at once, both restart ICE) on the same connections', async () => {
    const a = aTab(stage.host);
    const b = aTab(stage.guest);
    await Promise.all([a.room.connect(), b.room.connect()]);
    const [ours, theirs] = await oneConnectionEach(a, b);
    const before = ours.negotiations + theirs.negotiations;

    // Both sides offer at the same moment: the polite one takes the other's offer, the other ignores its.
    ours.failPath();
    theirs.failPath();
    await waitUntil(
      () => ours.negotiations + theirs.negotiations > before,
      () => `a renegotiation after the failure (a: ${describeTab(a)}; b: ${describeTab(b)})`,
      10_000,
    );
    expect(await oneConnectionEach(a, b)).toEqual([ours, theirs]);
    expect(ours.implicitRollbacks + theirs.implicitRollbacks).toBe(1);
  });

  it('carries on over a new room connection (a round change) without a second peer connection', async () => {
    const a = aTab(stage.host);
    const b = aTab(stage.guest);
    await Promise.all([a.room.connect(), b.room.connect()]);
    const [ours, theirs] = await oneConnectionEach(a, b);

    // The room replaces both sides' sockets, as at a swap of roles; the calls ride the new ones.
    const [roomA, roomB] = [newRoom(a, stage.host), newRoom(b, stage.guest)];
    await Promise.all([roomA.connect(), roomB.connect()]);
    await waitUntil(
      () => a.call.getSnapshot().phase === 'connected' && b.call.getSnapshot().phase === 'connected',
      () => `both calls back on the new sockets (a: ${describeTab(a)}; b: ${describeTab(b)})`,
      10_000,
    );
    expect(await oneConnectionEach(a, b)).toEqual([ours, theirs]);
    expect(a.connections.length + b.connections.length).toBe(2);
    // Signaling rides the new sockets: Ada's mute reaches Ben.
    a.call.toggleMute();
    await waitUntil(
      () => b.call.getSnapshot().remotes[0]?.media.audio === false,
      () => `Ben hears that Ada muted (${JSON.stringify(b.call.getSnapshot().remotes[0]?.media)})`,
      10_000,
    );
  });

  /** Closes the tab's room connection and gives its call a new one, as useCollabRoom does for a new round. */
  function newRoom(tab: CallTab, user: SignedUpUser): CollabClient {
    const previous = tab.room;
    const room = new CollabClient({
      sessionId: stage.sessionId,
      url: stage.server.url,
      token: user.accessToken,
      socketOptions: { transports: ['websocket'] },
    });
    previous.close();
    const detach = tab.call.attach(collabTransport(room));
    tab.room = room;
    const close = tab.close;
    tab.close = () => {
      detach();
      close();
    };
    return room;
  }
});
