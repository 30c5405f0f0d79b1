/**
 * What the room shows from WebRTC's getStats, as pure functions over plain numbers: how loud each
 * side is (the speaking indicators) and how good the media path is. A sample is read once a second;
 * each figure compares two samples, so it describes the last second rather than the whole call.
 */

/** The few counters of one connection's stats report that the room reads. */
export interface StatsSample {
  /** Seconds, from the selected candidate pair; null before one is selected. */
  roundTripSeconds: number | null;
  /** Summed over the inbound audio and video streams. */
  packetsLost: number;
  packetsReceived: number;
  /** The partner's audio as received (inbound-rtp, kind audio). */
  inboundAudio: AudioEnergy | null;
  /** This tab's microphone as sent (media-source, kind audio); absent while muted. */
  localAudio: AudioEnergy | null;
}

/** Chrome's audio counters: energy and duration grow over time; level is the latest reading (0–1). */
export interface AudioEnergy {
  totalAudioEnergy?: number;
  totalSamplesDuration?: number;
  audioLevel?: number;
}

/** A round trip over 400 ms makes people talk over each other; over 5 % loss audio breaks up. */
export const POOR_ROUND_TRIP_MS = 400;
export const POOR_PACKET_LOSS_PERCENT = 5;
/** Fewer packets than this in an interval say nothing about loss (e.g. a muted partner). */
const MIN_PACKETS_FOR_LOSS = 10;

export interface QualityReading {
  roundTripMs: number | null;
  packetLossPercent: number | null;
  poor: boolean;
}

type StatsEntry = { type?: string; [field: string]: unknown };

/** An RTCStatsReport, or a Map of the same entries by id. */
export interface StatsReportLike {
  forEach(callback: (entry: StatsEntry, id: string) => void): void;
}

const numberOf = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Reads the counters the room needs from one stats report. */
export function sampleOf(report: StatsReportLike): StatsSample {
  const byId = new Map<string, StatsEntry>();
  report.forEach((entry, id) => byId.set(id, entry));
  let pair: StatsEntry | undefined;
  let packetsLost = 0;
  let packetsReceived = 0;
  let inboundAudio: AudioEnergy | null = null;
  let localAudio: AudioEnergy | null = null;
  for (const entry of byId.values()) {
    if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string')
      pair = byId.get(entry.selectedCandidatePairId) ?? pair;
    else if (entry.type === 'candidate-pair' && entry.nominated === true && entry.state === 'succeeded')
      pair ??= entry;
    else if (entry.type === 'inbound-rtp') {
      packetsLost += Math.max(0, numberOf(entry.packetsLost) ?? 0);
      packetsReceived += numberOf(entry.packetsReceived) ?? 0;
      if (entry.kind === 'audio') inboundAudio = energyOf(entry);
    } else if (entry.type === 'media-source' && entry.kind === 'audio') localAudio = energyOf(entry);
  }
  return {
    roundTripSeconds: numberOf(pair?.currentRoundTripTime) ?? null,
    packetsLost,
    packetsReceived,
    inboundAudio,
    localAudio,
  };
}

function energyOf(entry: StatsEntry): AudioEnergy {
  return {
    totalAudioEnergy: numberOf(entry.totalAudioEnergy),
    totalSamplesDuration: numberOf(entry.totalSamplesDuration),
    audioLevel: numberOf(entry.audioLevel),
  };
}

/** Round trip and the share of packets lost since the previous sample; `poor` past the limits. */
export function qualityBetween(previous: StatsSample | null, next: StatsSample): QualityReading {
  const roundTripMs = next.roundTripSeconds === null ? null : Math.round(next.roundTripSeconds * 1000);
  let packetLossPercent: number | null = null;
  if (previous) {
    const lost = next.packetsLost - previous.packetsLost;
    const received = next.packetsReceived - previous.packetsReceived;
    // Counters restart with a new stream; a negative difference says nothing about this second.
    if (lost >= 0 && received >= 0 && lost + received >= MIN_PACKETS_FOR_LOSS)
      packetLossPercent = Math.round((lost / (lost + received)) * 100);
  }
  const poor =
    (roundTripMs !== null && roundTripMs > POOR_ROUND_TRIP_MS) ||
    (packetLossPercent !== null && packetLossPercent > POOR_PACKET_LOSS_PERCENT);
  return { roundTripMs, packetLossPercent, poor };
}

/**
 * How loud a side was between two samples (0–1, like audioLevel): the root of the mean energy over
 * the interval when both samples have the totals, which a single audioLevel reading would miss
 * between two words; else the latest audioLevel.
 */
export function levelBetween(previous: AudioEnergy | null, next: AudioEnergy | null): number {
  if (!next) return 0;
  const energy = (next.totalAudioEnergy ?? NaN) - (previous?.totalAudioEnergy ?? NaN);
  const duration = (next.totalSamplesDuration ?? NaN) - (previous?.totalSamplesDuration ?? NaN);
  if (energy >= 0 && duration > 0) return Math.sqrt(energy / duration);
  return next.audioLevel ?? 0;
}

/** Speech is well above this (0.05–0.3); fan noise and a quiet room stay below it. */
export const SPEAKING_LEVEL = 0.02;
/** A pause between words keeps the indicator on, so it does not flicker. */
export const SPEAKING_HOLD_MS = 1_500;

/** Speaking while loud, and for a moment after: a threshold with a hold time. */
export class SpeakingDetector {
  private loudAt = -Infinity;

  constructor(
    private readonly threshold = SPEAKING_LEVEL,
    private readonly holdMs = SPEAKING_HOLD_MS,
  ) {}

  update(level: number, nowMs: number): boolean {
    if (level >= this.threshold) this.loudAt = nowMs;
    return nowMs - this.loudAt < this.holdMs;
  }

  reset(): void {
    this.loudAt = -Infinity;
  }
}
