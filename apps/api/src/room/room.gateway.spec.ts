import { RoomGateway } from './room.gateway';

describe('RoomGateway before its server exists', () => {
  afterEach(() => jest.useRealTimers());

  // Nest binds the socket.io server after constructing the gateway; a start-up slower than one
  // idle sweep (migrations on a busy machine) used to run the sweep first, and it threw.
  it('sweeps for idle sockets only once the server is bound', () => {
    jest.useFakeTimers();
    const gateway = new RoomGateway(
      undefined as never,
      undefined as never,
      undefined as never,
      undefined as never,
      undefined as never,
    );
    expect(() => jest.advanceTimersByTime(60_000)).not.toThrow();
    gateway.onModuleDestroy();
  });
});
