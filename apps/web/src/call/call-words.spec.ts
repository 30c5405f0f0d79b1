import { EMPTY_CALL, type CallSnapshot, type RemoteParty } from '@mockboard/call';
import { callPresence, callWords, qualityWords } from './call-words';

const aRemote = (overrides: Partial<RemoteParty> = {}): RemoteParty => ({
  userId: 'ben',
  endpointId: 'ben-tab',
  media: { audio: true, video: false },
  stream: null,
  connection: 'connected',
  speaking: false,
  quality: { roundTripMs: 40, packetLossPercent: 0, poor: false },
  ...overrides,
});

const aCall = (overrides: Partial<CallSnapshot> = {}): CallSnapshot => ({
  ...EMPTY_CALL,
  phase: 'connected',
  mic: 'on',
  remotes: [aRemote()],
  ...overrides,
});

describe('the call in words', () => {
  it('says nothing where this tab takes no part in a call', () => {
    expect(callWords(aCall({ phase: 'off', remotes: [] }), 'Ben')).toBeNull();
  });

  it.each([
    ['starting', 'Connecting call…'],
    ['waiting', 'Waiting for Ben to join the call'],
    ['connecting', 'Connecting call…'],
    ['connected', 'Call connected'],
    ['reconnecting', 'Reconnecting call…'],
    ['moved', 'Call moved to another tab'],
    ['ended', 'Call ended'],
  ] as const)('names the %s phase "%s"', (phase, words) => {
    expect(callWords(aCall({ phase }), 'Ben')?.state).toBe(words);
  });

  it('says the call is reconnecting while the partner’s own link recovers', () => {
    const call = aCall({ remotes: [aRemote({ connection: 'reconnecting' })] });
    expect(callWords(call, 'Ben')?.state).toBe('Reconnecting call…');
  });

  it('tells when the partner sends no audio, only while in the call', () => {
    const muted = aRemote({ media: { audio: false, video: false } });
    expect(callWords(aCall({ remotes: [muted] }), 'Ben')?.partnerMuted).toBe('Ben is muted');
    expect(callWords(aCall(), 'Ben')?.partnerMuted).toBeNull();
    expect(callWords(aCall({ phase: 'moved', remotes: [muted] }), 'Ben')?.partnerMuted).toBeNull();
  });

  it('shows round trip and loss only when the connection is poor', () => {
    const poor = aRemote({ quality: { roundTripMs: 480.4, packetLossPercent: 7.2, poor: true } });
    expect(callWords(aCall({ remotes: [poor] }), 'Ben')?.quality).toBe(
      'Poor connection: 480 ms round trip, 7 % loss',
    );
    const fine = aRemote({ quality: { roundTripMs: 480, packetLossPercent: 7, poor: false } });
    expect(callWords(aCall({ remotes: [fine] }), 'Ben')?.quality).toBeNull();
  });

  it('leaves out a figure that is not known yet', () => {
    expect(qualityWords({ roundTripMs: null, packetLossPercent: 12, poor: true })).toBe(
      'Poor connection: 12 % loss',
    );
    expect(qualityWords({ roundTripMs: null, packetLossPercent: null, poor: true })).toBe('Poor connection');
  });
});

describe('who speaks and who is muted, for the avatars', () => {
  it('marks this person and the partner by user id', () => {
    const call = aCall({
      mic: 'muted',
      remotes: [aRemote({ speaking: true })],
    });
    const presence = callPresence(call, 'ada');
    expect([...presence.speaking]).toEqual(['ben']);
    expect([...presence.muted]).toEqual(['ada']);
  });

  it('never shows a muted partner as speaking, nor this person while muted', () => {
    const call = aCall({
      mic: 'muted',
      localSpeaking: true,
      remotes: [aRemote({ speaking: true, media: { audio: false, video: false } })],
    });
    const presence = callPresence(call, 'ada');
    expect(presence.speaking.size).toBe(0);
    expect([...presence.muted].sort()).toEqual(['ada', 'ben']);
  });

  it('marks nobody outside a call', () => {
    const presence = callPresence(aCall({ phase: 'off', mic: 'muted' }), 'ada');
    expect(presence.speaking.size + presence.muted.size).toBe(0);
  });
});
