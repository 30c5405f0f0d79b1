import { call, next } from './support/room-client';
import { liveRoomStage } from './support/room-stage';

interface Joined {
  ok: true;
  participants: { userId: string; colour: string }[];
}

describe('colours in the live room', () => {
  const room = liveRoomStage();

  it('gives the two partners different colours, the same on every join, and uses them in presence', async () => {
    const a = await room.open(room.host);
    const b = await room.open(room.guest);
    const joinA = await call<Joined>(a, 'session:join', { sessionId: room.sessionId });
    const joinB = await call<Joined>(b, 'session:join', { sessionId: room.sessionId });
    const colours = new Map(joinA.participants.map((p) => [p.userId, p.colour]));
    expect(colours.size).toBe(2);
    expect(colours.get(room.host.user.id)).not.toBe(colours.get(room.guest.user.id));
    expect(new Map(joinB.participants.map((p) => [p.userId, p.colour]))).toEqual(colours);

    // The partner's cursor carries the colour the room assigned, not one of its own.
    const pointer = next<{ userId: string; colour: string }>(b, 'pointer:update');
    a.emit('pointer:update', {
      sessionId: room.sessionId,
      pointer: { x: 1, y: 2, tool: 'pointer' },
      button: 'up',
    });
    expect(await pointer).toMatchObject({ colour: colours.get(room.host.user.id) });

    // Presence names the same colour.
    const left = next<{ userId: string; colour: string; state: string }>(b, 'presence');
    a.disconnect();
    expect(await left).toEqual(
      expect.objectContaining({
        userId: room.host.user.id,
        state: 'left',
        colour: colours.get(room.host.user.id),
      }),
    );
  });
});
