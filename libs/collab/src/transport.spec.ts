import { COLLAB_SOCKET_OPTIONS, ROOM_ROUTING_PARAM, roomSocketOptions } from './transport';

// That socket.io-client puts `query` on every long-polling request and on the websocket upgrade, and
// that HAProxy hashes on it, is shown with the real parts in apps/api/test/multi-instance.test.ts.
describe('the room socket’s options', () => {
  it('keep the collaboration options and name the room in the query a proxy routes on', () => {
    expect(roomSocketOptions('s-1')).toEqual({ ...COLLAB_SOCKET_OPTIONS, query: { session: 's-1' } });
    expect(ROOM_ROUTING_PARAM).toBe('session');
  });
});
