import { clusterChannelPrefix } from './cluster-channels';

describe('clusterChannelPrefix', () => {
  it("keeps the adapter's default on database 0, named or not", () => {
    expect(clusterChannelPrefix('redis://127.0.0.1:6379')).toBe('socket.io');
    expect(clusterChannelPrefix('redis://127.0.0.1:6379/')).toBe('socket.io');
    expect(clusterChannelPrefix('redis://:secret@redis:6379/0')).toBe('socket.io');
  });

  it('names any other database, so deployments on one Redis server do not hear each other', () => {
    expect(clusterChannelPrefix('redis://127.0.0.1:6379/3')).toBe('socket.io-db3');
    expect(clusterChannelPrefix('rediss://user:secret@redis.example:6380/15')).toBe('socket.io-db15');
  });
});
