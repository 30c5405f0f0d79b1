import type { CallQuality } from './call-state';
import { levelBetween, qualityBetween, sampleOf, SpeakingDetector, type StatsSample } from './call-stats';

/** Anything with getStats: a peer link. */
export interface Measurable {
  getStats(): Promise<RTCStatsReport>;
}

interface Reading {
  sample: StatsSample | null;
  detector: SpeakingDetector;
  speaking: boolean;
  quality: CallQuality;
}

const UNKNOWN_QUALITY: CallQuality = { roundTripMs: null, packetLossPercent: null, poor: false };

/**
 * Reads every connection's stats once per tick and keeps what the room shows: who is speaking,
 * and each path's quality. A tick reports a change only when something shown changed, so the room
 * does not re-render every second for figures nobody sees.
 */
export class CallMeter {
  private readonly readings = new Map<string, Reading>();
  private readonly localDetector = new SpeakingDetector();
  private localSample: StatsSample | null = null;
  localSpeaking = false;

  speaking(endpointId: string): boolean {
    return this.readings.get(endpointId)?.speaking ?? false;
  }

  quality(endpointId: string): CallQuality {
    return this.readings.get(endpointId)?.quality ?? UNKNOWN_QUALITY;
  }

  forget(endpointId: string): void {
    this.readings.delete(endpointId);
  }

  /** One tick over the open connections; true when anything the room shows changed. */
  async measure(links: ReadonlyMap<string, Measurable>, nowMs: number): Promise<boolean> {
    const samples = await Promise.all(
      [...links].map(async ([endpointId, link]) => {
        try {
          return [endpointId, sampleOf(await link.getStats())] as const;
        } catch {
          return null; // Closed meanwhile.
        }
      }),
    );
    let changed = false;
    let local: StatsSample | null = null;
    for (const entry of samples) {
      if (!entry) continue;
      const [endpointId, sample] = entry;
      changed = this.take(endpointId, sample, nowMs) || changed;
      local ??= sample.localAudio ? sample : null;
    }
    const level = local ? levelBetween(this.localSample?.localAudio ?? null, local.localAudio) : 0;
    this.localSample = local;
    const localSpeaking = this.localDetector.update(level, nowMs);
    changed = changed || localSpeaking !== this.localSpeaking;
    this.localSpeaking = localSpeaking;
    return changed;
  }

  private take(endpointId: string, sample: StatsSample, nowMs: number): boolean {
    let reading = this.readings.get(endpointId);
    if (!reading) {
      reading = { sample: null, detector: new SpeakingDetector(), speaking: false, quality: UNKNOWN_QUALITY };
      this.readings.set(endpointId, reading);
    }
    const level = levelBetween(reading.sample?.inboundAudio ?? null, sample.inboundAudio);
    const speaking = reading.detector.update(level, nowMs);
    const quality = qualityBetween(reading.sample, sample);
    reading.sample = sample;
    // The figures show only while poor; their exact value matters then, not while all is well.
    const changed =
      speaking !== reading.speaking ||
      quality.poor !== reading.quality.poor ||
      (quality.poor && JSON.stringify(quality) !== JSON.stringify(reading.quality));
    reading.speaking = speaking;
    reading.quality = quality;
    return changed;
  }
}
