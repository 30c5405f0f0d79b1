import { callPhase, type PhaseFacts } from './call-phase';

const joined = (overrides: Partial<PhaseFacts> = {}): PhaseFacts => ({
  lifecycle: 'active',
  everJoined: true,
  inCall: true,
  connections: [],
  ...overrides,
});

describe('the call’s phase', () => {
  it('follows the tab’s part before anything else: off, moved to another tab, ended', () => {
    expect(callPhase(joined({ lifecycle: 'off', connections: ['connected'] }))).toBe('off');
    expect(callPhase(joined({ lifecycle: 'moved' }))).toBe('moved');
    expect(callPhase(joined({ lifecycle: 'ended' }))).toBe('ended');
  });

  it('starts until the first join is answered, then waits for a partner, then connects', () => {
    expect(callPhase(joined({ everJoined: false, inCall: false }))).toBe('starting');
    expect(callPhase(joined())).toBe('waiting');
    expect(callPhase(joined({ connections: ['connecting'] }))).toBe('connecting');
    expect(callPhase(joined({ connections: ['connected'] }))).toBe('connected');
  });

  it('stays connected while media flows, even without the room’s connection', () => {
    expect(callPhase(joined({ inCall: false, connections: ['connected'] }))).toBe('connected');
  });

  it('reconnects when the media path dropped, or when neither media nor signaling is up', () => {
    expect(callPhase(joined({ connections: ['reconnecting'] }))).toBe('reconnecting');
    expect(callPhase(joined({ connections: ['failed'] }))).toBe('reconnecting');
    expect(callPhase(joined({ inCall: false, connections: ['connecting'] }))).toBe('reconnecting');
    expect(callPhase(joined({ inCall: false }))).toBe('reconnecting');
  });
});
