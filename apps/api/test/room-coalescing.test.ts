import { aRectangle, call } from './support/room-client';
import { liveRoomStage } from './support/room-stage';
import { eventually } from './support/scene-watcher';

/** Holds this process's event loop (the test app's too), as a server short of CPU would be held. */
function hold(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server that fell behind reads seconds of a socket's drawing at once. The copies of an element
 * that a later one replaces are then not relayed one by one (issue 18: overload coalesces what a
 * peer has not yet received), while every update is still acked and stored.
 */
describe('scene updates read together by a server that fell behind', () => {
  const room = liveRoomStage();

  it('relays the copies that win, in order, and still acks and stores every update', async () => {
    const sender = await room.joined(room.host);
    const partner = await room.joined(room.guest);
    const relayed: number[] = [];
    partner.on('scene:update', (payload: { elements: { id: string; version: number }[] }) =>
      relayed.push(...payload.elements.filter((element) => element.id === 'drag').map((e) => e.version)),
    );
    // The loop held again and again (LoopLateness samples it every 100 ms): the server is behind.
    for (let stall = 0; stall < 4; stall += 1) {
      hold(500);
      await pause(120);
    }
    const count = 20;
    const acks = Array.from({ length: count }, (_, index) =>
      call<{ ok: boolean }>(sender, 'scene:update', {
        sessionId: room.sessionId,
        elements: [aRectangle({ id: 'drag', version: index + 1, x: index })],
      }),
    );
    // The updates queue up in the socket while the server cannot read, as a saturated one's do.
    hold(100);

    expect((await Promise.all(acks)).every((ack) => ack.ok)).toBe(true);
    expect(await eventually(async () => relayed.at(-1) === count)).toBe(true);
    expect(relayed.length).toBeLessThan(count);
    expect(relayed).toEqual([...relayed].sort((a, b) => a - b));
    const [row] = (await room.server.dataSource.query(
      `SELECT version FROM scene_elements WHERE session_id = $1 AND element_id = 'drag'`,
      [room.sessionId],
    )) as { version: number }[];
    expect(row?.version).toBe(count);
  });
});
