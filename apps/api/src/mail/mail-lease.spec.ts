import { LEASE_MS, SEND_TIMEOUT_MS, leaseLeavesTimeToSend } from './mail.worker';

describe('leaseLeavesTimeToSend', () => {
  const claimedAt = 1_000_000;

  it('lets sends start while one that runs to its timeout still ends inside the lease', () => {
    expect(leaseLeavesTimeToSend(claimedAt, claimedAt)).toBe(true);
    expect(leaseLeavesTimeToSend(claimedAt, claimedAt + 5_000)).toBe(true);
  });

  it('stops before a send could outlive the lease, leaving slack to mark it', () => {
    const lastStart = claimedAt + LEASE_MS - SEND_TIMEOUT_MS;
    expect(leaseLeavesTimeToSend(claimedAt, lastStart)).toBe(false);
    expect(leaseLeavesTimeToSend(claimedAt, lastStart - 1_000)).toBe(false);
    expect(leaseLeavesTimeToSend(claimedAt, claimedAt + LEASE_MS)).toBe(false);
  });
});
