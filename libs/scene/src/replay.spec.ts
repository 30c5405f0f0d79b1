import type { ReplayEntry } from '@mockboard/contracts';
import { replayOpening, replayTimeline, roundAt, roundDrew, sceneAfter, stepsUntil } from './replay';

const start = Date.parse('2030-01-07T10:00:00.000Z');
let seq = 0;
const at = (seconds: number) => new Date(start + seconds * 1000).toISOString();
const anElement = (id: string, version: number, isDeleted = false) => ({
  id,
  type: 'rectangle',
  version,
  versionNonce: 1,
  isDeleted,
  x: 0,
  y: 0,
  width: 10,
  height: 10,
});
const drawn = (seconds: number, element: ReturnType<typeof anElement>): ReplayEntry => ({
  seq: ++seq,
  at: at(seconds),
  kind: 'scene',
  element,
  phase: null,
  round: null,
  message: null,
  hint: null,
});
const phase = (
  seconds: number,
  name: ReplayEntry['phase'],
  kind: 'phase' | 'round' = 'phase',
): ReplayEntry => ({
  seq: ++seq,
  at: at(seconds),
  kind,
  element: null,
  phase: name,
  round: kind === 'round' ? 2 : 1,
  message: null,
  hint: null,
});
const said = (seconds: number, text: string): ReplayEntry => ({
  seq: ++seq,
  at: at(seconds),
  kind: 'chat',
  element: null,
  phase: null,
  round: 1,
  message: {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    sessionId: '00000000-0000-4000-8000-000000000000',
    authorId: '00000000-0000-4000-8000-00000000000a',
    authorName: 'Ada',
    text,
    round: 1,
    sentAt: at(seconds),
  },
  hint: null,
});
const hinted = (seconds: number, stage: 1 | 2 | 3, text: string): ReplayEntry => ({
  seq: ++seq,
  at: at(seconds),
  kind: 'hint',
  element: null,
  phase: 'estimation',
  round: 1,
  message: null,
  hint: {
    sessionId: '00000000-0000-4000-8000-000000000000',
    round: 1,
    phase: 'estimation',
    stage,
    text,
    revealedBy: '00000000-0000-4000-8000-00000000000b',
    revealedAt: at(seconds),
  },
});

describe('the replay time line', () => {
  const entries = [
    drawn(0, anElement('box', 1)),
    phase(30, 'estimation'),
    drawn(60, anElement('box', 2)),
    drawn(90, anElement('arrow', 1)),
    said(100, 'https://example.com/notes'),
    hinted(110, 1, 'How many reads per write?'),
    drawn(120, anElement('box', 3, true)),
    phase(150, 'requirements', 'round'),
  ];
  const timeline = replayTimeline([...entries].reverse());

  it('starts at the first entry and lasts until the last', () => {
    expect(timeline.startsAt).toBe(start);
    expect(timeline.duration).toBe(150_000);
  });

  it('marks the phase and round changes where they happened', () => {
    expect(timeline.markers).toEqual([
      { offset: 30_000, kind: 'phase', phase: 'estimation', round: 1 },
      { offset: 150_000, kind: 'round', phase: 'requirements', round: 2 },
    ]);
  });

  it('marks no change where a phase only started over (a round’s first prompt came after it began)', () => {
    const restarted = replayTimeline([...entries, phase(170, 'requirements'), phase(200, 'estimation')]);
    expect(restarted.markers.map((marker) => [marker.offset, marker.kind, marker.phase])).toEqual([
      [30_000, 'phase', 'estimation'],
      [150_000, 'round', 'requirements'],
      [200_000, 'phase', 'estimation'],
    ]);
  });

  it('places the chat messages on the time line without counting them as board changes', () => {
    expect(timeline.messages.map(({ offset, message }) => [offset, message.text])).toEqual([
      [100_000, 'https://example.com/notes'],
    ]);
    expect(timeline.steps).toHaveLength(4);
  });

  it('places the revealed hints on the time line, apart from the phase markers and board changes', () => {
    expect(timeline.hints.map(({ offset, hint }) => [offset, hint.phase, hint.stage, hint.text])).toEqual([
      [110_000, 'estimation', 1, 'How many reads per write?'],
    ]);
    expect(timeline.markers.map((marker) => marker.kind)).toEqual(['phase', 'round']);
    expect(timeline.steps).toHaveLength(4);
  });

  it('rebuilds the scene of any moment, deleted elements left out', () => {
    const sceneAt = (seconds: number) =>
      sceneAfter(timeline, stepsUntil(timeline, seconds * 1000)).map((e) => `${e.id}@${e.version}`);
    expect(sceneAt(-1)).toEqual([]);
    expect(sceneAt(0)).toEqual(['box@1']);
    expect(sceneAt(75)).toEqual(['box@2']);
    expect(sceneAt(90)).toEqual(['box@2', 'arrow@1']);
    expect(sceneAt(150)).toEqual(['arrow@1']);
  });

  it('is empty when nothing was logged', () => {
    const empty = replayTimeline([]);
    expect(empty.duration).toBe(0);
    expect(sceneAfter(empty, stepsUntil(empty, 0))).toEqual([]);
  });
});

describe('a replay with two rounds', () => {
  const on = (round: number, entry: ReplayEntry): ReplayEntry => ({ ...entry, round });
  const timeline = replayTimeline([
    on(1, drawn(0, anElement('round-1-box', 1))),
    phase(60, 'requirements', 'round'),
    on(2, drawn(90, anElement('round-2-box', 1))),
    // A stroke still on its way at the swap: logged after the marker, on round 1's board.
    on(1, drawn(95, anElement('late-round-1', 1))),
  ]);
  const boardAt = (seconds: number) => {
    const offset = seconds * 1000;
    return sceneAfter(timeline, stepsUntil(timeline, offset), roundAt(timeline, offset)).map((e) => e.id);
  };

  it('switches to round 2’s own board at the round marker', () => {
    expect(roundAt(timeline, 59_000)).toBe(1);
    expect(roundAt(timeline, 60_000)).toBe(2);
    expect(boardAt(59)).toEqual(['round-1-box']);
    expect(boardAt(60)).toEqual([]);
    expect(boardAt(100)).toEqual(['round-2-box']);
  });

  it('keeps each round’s strokes on its own board, late ones included', () => {
    expect(sceneAfter(timeline, timeline.steps.length, 1).map((e) => e.id)).toEqual([
      'round-1-box',
      'late-round-1',
    ]);
  });
});

describe('where a replay opens', () => {
  const on = (round: number, entry: ReplayEntry): ReplayEntry => ({ ...entry, round });

  it('opens at the end when the last round drew', () => {
    const timeline = replayTimeline([
      on(1, drawn(0, anElement('round-1-box', 1))),
      phase(60, 'requirements', 'round'),
      on(2, drawn(90, anElement('round-2-box', 1))),
      said(120, 'thanks'),
    ]);
    expect(replayOpening(timeline)).toEqual({ offset: timeline.duration, board: null });
    expect(roundDrew(timeline, 2)).toBe(true);
  });

  it('opens at the end of round 1, on its whole board, when round 2 started but drew nothing', () => {
    const timeline = replayTimeline([
      on(1, drawn(0, anElement('round-1-box', 1))),
      on(1, drawn(30, anElement('round-1-arrow', 1))),
      phase(60, 'requirements', 'round'),
      // Still on its way at the swap: logged after the marker, on round 1's board.
      on(1, drawn(61, anElement('late-round-1', 1))),
      said(120, 'see you'),
    ]);
    const opening = replayOpening(timeline);
    expect(opening).toEqual({ offset: 59_999, board: 1 });
    expect(roundAt(timeline, opening.offset)).toBe(1);
    expect(sceneAfter(timeline, timeline.steps.length, opening.board!).map((e) => e.id)).toEqual([
      'round-1-box',
      'round-1-arrow',
      'late-round-1',
    ]);
    expect(roundDrew(timeline, 2)).toBe(false);
  });

  it('opens at the end when nothing was drawn at all, or there was one round', () => {
    expect(replayOpening(replayTimeline([said(0, 'hi'), said(30, 'bye')]))).toEqual({
      offset: 30_000,
      board: null,
    });
    const oneRound = replayTimeline([drawn(0, anElement('a', 1)), said(40, 'bye')]);
    expect(replayOpening(oneRound)).toEqual({ offset: 40_000, board: null });
  });
});
