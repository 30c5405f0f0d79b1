import { PointerBroadcastSchema, ViewportBroadcastSchema } from '@mockboard/contracts';
import { next } from './support/room-client';
import { liveRoomStage } from './support/room-stage';

/**
 * What a partner receives of a cursor or a view is exactly what the contracts name, nothing more.
 * One instance's JSON drops an undefined field on its own; the case this cannot reach, msgpack
 * through the Redis adapter turning one into null, is why the gateway adds the selection only when sent.
 */
describe('cursors and views in the live room', () => {
  const room = liveRoomStage();

  it('relays a cursor with the sender and its selection, and one without a selection without the field', async () => {
    const a = await room.joined(room.host);
    const b = await room.joined(room.guest);
    const cursor = { sessionId: room.sessionId, pointer: { x: 10, y: 20, tool: 'laser' }, button: 'down' };
    const sender = { userId: room.host.user.id, displayName: room.host.user.displayName };

    const selected = next<unknown>(b, 'pointer:update');
    a.emit('pointer:update', { ...cursor, selectedElementIds: { 'rect-1': true } });
    const withSelection = PointerBroadcastSchema.parse(await selected);
    expect(withSelection).toMatchObject({ ...cursor, ...sender, selectedElementIds: { 'rect-1': true } });

    // A busy server relays one cursor a socket every 200 ms (PointerShedding): the next comes later.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const plain = next<Record<string, unknown>>(b, 'pointer:update');
    a.emit('pointer:update', cursor);
    const received = await plain;
    expect(PointerBroadcastSchema.parse(received)).toMatchObject({ ...cursor, ...sender });
    expect(Object.keys(received)).not.toContain('selectedElementIds');
  });

  it('relays a view with the sender', async () => {
    const a = await room.joined(room.host);
    const b = await room.joined(room.guest);
    const view = {
      sessionId: room.sessionId,
      viewport: { scrollX: -40, scrollY: 12, zoom: 1.5, width: 1280, height: 720 },
    };
    const relayed = next<unknown>(b, 'viewport:update');
    a.emit('viewport:update', view);
    expect(ViewportBroadcastSchema.parse(await relayed)).toEqual({ ...view, userId: room.host.user.id });
  });
});
