import { RoomPresence } from './room-presence';

describe('RoomPresence before its server exists', () => {
  afterEach(() => jest.useRealTimers());

  // Nest binds the socket.io server after constructing the gateway; a start-up slower than one
  // idle sweep (migrations on a busy machine) used to run the sweep first, and it threw.
  it('sweeps for idle sockets only once the server is bound', () => {
    jest.useFakeTimers();
    const presence = new RoomPresence();
    expect(() => jest.advanceTimersByTime(60_000)).not.toThrow();
    presence.onModuleDestroy();
  });
});
