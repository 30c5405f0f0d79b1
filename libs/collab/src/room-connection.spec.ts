import { afterDisconnect } from './room-connection';

describe('afterDisconnect', () => {
  it('reports nothing when this client closed the connection itself', () => {
    expect(afterDisconnect('io client disconnect', true)).toBe('closed_here');
    expect(afterDisconnect('io client disconnect', false)).toBe('closed_here');
  });

  it('treats a connection the server closed on purpose as a refusal, since socket.io does not reconnect then', () => {
    expect(afterDisconnect('io server disconnect', true)).toBe('closed_by_server');
  });

  it('waits for the reconnect after a dropped transport, or calls the connection lost without one', () => {
    expect(afterDisconnect('transport close', true)).toBe('reconnecting');
    expect(afterDisconnect('ping timeout', false)).toBe('lost');
  });
});
