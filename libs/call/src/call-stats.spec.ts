import {
  levelBetween,
  qualityBetween,
  sampleOf,
  SpeakingDetector,
  SPEAKING_HOLD_MS,
  type StatsSample,
} from './call-stats';

const aSample = (overrides: Partial<StatsSample> = {}): StatsSample => ({
  roundTripSeconds: 0.05,
  packetsLost: 0,
  packetsReceived: 0,
  inboundAudio: null,
  localAudio: null,
  ...overrides,
});

describe('reading a stats report', () => {
  it('takes the round trip from the transport’s selected pair, and sums inbound packets over audio and video', () => {
    const report: [string, { type: string; [field: string]: unknown }][] = [
      ['T1', { type: 'transport', selectedCandidatePairId: 'CP2' }],
      ['CP1', { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.9 }],
      ['CP2', { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.12 }],
      ['IA', { type: 'inbound-rtp', kind: 'audio', packetsLost: 3, packetsReceived: 97, audioLevel: 0.2 }],
      ['IV', { type: 'inbound-rtp', kind: 'video', packetsLost: 1, packetsReceived: 49 }],
      ['MS', { type: 'media-source', kind: 'audio', totalAudioEnergy: 2, totalSamplesDuration: 10 }],
    ];
    expect(sampleOf(new Map(report))).toEqual({
      roundTripSeconds: 0.12,
      packetsLost: 4,
      packetsReceived: 146,
      inboundAudio: { audioLevel: 0.2, totalAudioEnergy: undefined, totalSamplesDuration: undefined },
      localAudio: { totalAudioEnergy: 2, totalSamplesDuration: 10, audioLevel: undefined },
    });
  });

  it('falls back to the nominated pair that succeeded when no transport names one', () => {
    const report: [string, { type: string; [field: string]: unknown }][] = [
      ['CP1', { type: 'candidate-pair', nominated: false, state: 'succeeded', currentRoundTripTime: 0.9 }],
      ['CP2', { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.3 }],
    ];
    expect(sampleOf(new Map(report)).roundTripSeconds).toBe(0.3);
  });

  it('has no round trip and no audio before anything connected', () => {
    expect(sampleOf(new Map())).toEqual(aSample({ roundTripSeconds: null }));
  });
});

describe('the quality of the media path', () => {
  it('is fine at a short round trip without loss', () => {
    const before = aSample({ packetsReceived: 100 });
    const after = aSample({ packetsReceived: 150 });
    expect(qualityBetween(before, after)).toEqual({ roundTripMs: 50, packetLossPercent: 0, poor: false });
  });

  it('is poor past 400 ms round trip', () => {
    expect(qualityBetween(null, aSample({ roundTripSeconds: 0.401 })).poor).toBe(true);
    expect(qualityBetween(null, aSample({ roundTripSeconds: 0.4 })).poor).toBe(false);
  });

  it('is poor past 5 % of the last interval’s packets lost, whatever the call’s total', () => {
    // 1,000 packets went well before; of the last 100, 8 were lost.
    const before = aSample({ packetsReceived: 1_000, packetsLost: 0 });
    const after = aSample({ packetsReceived: 1_092, packetsLost: 8 });
    expect(qualityBetween(before, after)).toEqual({ roundTripMs: 50, packetLossPercent: 8, poor: true });
  });

  it('says nothing about loss from a handful of packets (a muted partner) or from counters that restarted', () => {
    const before = aSample({ packetsReceived: 500, packetsLost: 2 });
    expect(
      qualityBetween(before, aSample({ packetsReceived: 503, packetsLost: 3 })).packetLossPercent,
    ).toBeNull();
    expect(
      qualityBetween(before, aSample({ packetsReceived: 40, packetsLost: 0 })).packetLossPercent,
    ).toBeNull();
    expect(qualityBetween(null, aSample({ packetsReceived: 500 })).packetLossPercent).toBeNull();
  });
});

describe('how loud a side was', () => {
  it('is the root of the mean energy between two samples', () => {
    const level = levelBetween(
      { totalAudioEnergy: 1, totalSamplesDuration: 10 },
      { totalAudioEnergy: 1.04, totalSamplesDuration: 11 },
    );
    expect(level).toBeCloseTo(0.2);
  });

  it('uses the latest audioLevel without totals, and is silent without audio', () => {
    expect(levelBetween(null, { audioLevel: 0.3 })).toBe(0.3);
    expect(levelBetween({ audioLevel: 0.1 }, null)).toBe(0);
  });
});

describe('the speaking indicator', () => {
  it('turns on with speech and stays on through a short pause, so it does not flicker', () => {
    const detector = new SpeakingDetector();
    expect(detector.update(0.001, 0)).toBe(false);
    expect(detector.update(0.2, 1_000)).toBe(true);
    expect(detector.update(0.001, 2_000)).toBe(true);
    expect(detector.update(0.001, 1_000 + SPEAKING_HOLD_MS)).toBe(false);
  });

  it('starts over after a reset', () => {
    const detector = new SpeakingDetector();
    detector.update(0.5, 0);
    detector.reset();
    expect(detector.update(0, 10)).toBe(false);
  });
});
