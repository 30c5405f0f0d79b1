import type {
  ChatMessage,
  HintReveal,
  InterviewPhase,
  ReplayEntry,
  SceneElement,
} from '@mockboard/contracts';
import { mergeElements } from './element-version';

/** A phase or round change on the replay's time line, for the scrubber's markers. */
export interface ReplayMarker {
  /** Milliseconds since the first entry. */
  offset: number;
  kind: 'phase' | 'round';
  phase: InterviewPhase;
  round: number | null;
}

export interface ReplayTimeline {
  /** Epoch milliseconds of the first entry. */
  startsAt: number;
  /** Milliseconds from the first entry to the last. */
  duration: number;
  /**
   * Every accepted element copy, in the order the server logged them, with its offset and the
   * round whose board it was drawn on (each round has its own; rows from before rounds had boards: 1).
   */
  steps: { offset: number; element: SceneElement; round: number }[];
  markers: ReplayMarker[];
  /** The chat's messages, in the order they were sent, each with its offset. */
  messages: { offset: number; message: ChatMessage }[];
  /** The hints the interviewer revealed, in the order they were revealed, each with its offset. */
  hints: { offset: number; hint: HintReveal }[];
}

/** Orders the log by `seq` and places each entry on a time line that starts at the first one. */
export function replayTimeline(entries: readonly ReplayEntry[]): ReplayTimeline {
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  const startsAt = ordered.length > 0 ? Date.parse(ordered[0]!.at) : 0;
  // Clocks never run backwards on the time line, even if two instances logged slightly out of step.
  let last = 0;
  const offsets = ordered.map((entry) => (last = Math.max(last, Date.parse(entry.at) - startsAt)));
  const steps: ReplayTimeline['steps'] = [];
  const markers: ReplayMarker[] = [];
  const messages: ReplayTimeline['messages'] = [];
  const hints: ReplayTimeline['hints'] = [];
  ordered.forEach((entry, i) => {
    const offset = offsets[i]!;
    if (entry.kind === 'scene' && entry.element)
      steps.push({ offset, element: entry.element, round: entry.round ?? 1 });
    if (entry.kind === 'chat' && entry.message) messages.push({ offset, message: entry.message });
    if (entry.kind === 'hint' && entry.hint) hints.push({ offset, hint: entry.hint });
    if ((entry.kind === 'phase' || entry.kind === 'round') && entry.phase) {
      // The same phase again is its clock starting over (a round's first prompt came after the
      // round began): nothing new to jump to, and a second tick would crowd out the first's label.
      const previous = markers[markers.length - 1];
      if (entry.kind === 'phase' && previous?.phase === entry.phase) return;
      markers.push({ offset, kind: entry.kind, phase: entry.phase, round: entry.round });
    }
  });
  return { startsAt, duration: last, steps, markers, messages, hints };
}

/** How many steps have happened by `offset` (binary search: steps are ordered by offset). */
export function stepsUntil(timeline: ReplayTimeline, offset: number): number {
  let low = 0;
  let high = timeline.steps.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (timeline.steps[middle]!.offset <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The round under way at `offset`: the last round marker at or before it (1 before any). */
export function roundAt(timeline: ReplayTimeline, offset: number): number {
  let round = 1;
  for (const marker of timeline.markers) {
    if (marker.offset > offset) break;
    if (marker.kind === 'round') round = marker.round ?? round + 1;
  }
  return round;
}

/**
 * Where the replay's play head rests when the page opens, and the board it shows there: at the end,
 * on the finished board, unless the last round started but drew nothing. Then it rests at the end
 * of the last round that drew, showing that round's whole board (a stroke still on its way at the
 * swap is logged after the next round's marker, on the earlier board), so the page opens on a
 * design rather than an empty board.
 */
export function replayOpening(timeline: ReplayTimeline): { offset: number; board: number | null } {
  const atEnd = { offset: timeline.duration, board: null };
  const lastStep = timeline.steps.at(-1);
  if (!lastStep || roundDrew(timeline, roundAt(timeline, timeline.duration))) return atEnd;
  const nextRound = timeline.markers.find(
    (marker) => marker.kind === 'round' && marker.round !== null && marker.round > lastStep.round,
  );
  return nextRound ? { offset: Math.max(0, nextRound.offset - 1), board: lastStep.round } : atEnd;
}

/** Whether anything was ever drawn on `round`'s board. */
export function roundDrew(timeline: ReplayTimeline, round: number): boolean {
  return timeline.steps.some((step) => step.round === round);
}

/**
 * The board of `round` after the first `count` steps, live elements only (without a round: every
 * step, as before rounds had boards). Every logged copy was accepted when it was logged, so
 * merging them in order by the scene rule rebuilds the board of that moment.
 */
export function sceneAfter(timeline: ReplayTimeline, count: number, round?: number): SceneElement[] {
  const scene = new Map<string, SceneElement>();
  mergeElements(
    scene,
    timeline.steps
      .slice(0, count)
      .filter((step) => round === undefined || step.round === round)
      .map((step) => step.element),
  );
  return [...scene.values()].filter((element) => !element.isDeleted);
}
