import { aRectangle, call } from './support/room-client';
import { liveRoomStage } from './support/room-stage';

/**
 * A burst of strokes sent in one go (a client catching up after a stall) reaches the partner whole
 * and in order, and every one is acked: nothing on the way (rate limits, the writer's coalescing,
 * socket buffering) may drop or reorder a scene update.
 */
describe('a burst of scene updates through the live room', () => {
  const room = liveRoomStage();

  it('relays every update in order and acks each', async () => {
    const sender = await room.joined(room.host);
    const partner = await room.joined(room.guest);
    const relayed: number[] = [];
    const count = 30;
    const all = new Promise<void>((resolve) =>
      partner.on('scene:update', (payload: { elements: { version: number }[] }) => {
        relayed.push(payload.elements[0]!.version);
        if (relayed.length === count) resolve();
      }),
    );
    const acks = Array.from({ length: count }, (_, index) =>
      call<{ ok: boolean; version?: number }>(sender, 'scene:update', {
        sessionId: room.sessionId,
        elements: [aRectangle({ id: 'burst', version: index + 1, x: index })],
      }),
    );
    await all;
    expect(relayed).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    const replies = await Promise.all(acks);
    expect(replies.every((ack) => ack.ok)).toBe(true);
    // Acked only once stored: the stored copy is the burst's last.
    const [row] = (await room.server.dataSource.query(
      `SELECT version FROM scene_elements WHERE session_id = $1 AND element_id = 'burst'`,
      [room.sessionId],
    )) as { version: number }[];
    expect(row?.version).toBe(count);
  });
});
