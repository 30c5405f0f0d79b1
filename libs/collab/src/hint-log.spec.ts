import type { HintReveal, HintStage, InterviewPhase } from '@mockboard/contracts';
import {
  currentPhaseFirst,
  hintAnnouncement,
  hintLabel,
  nextStage,
  revealedStage,
  withReveals,
} from './hint-log';

const SESSION = '00000000-0000-4000-8000-000000000001';
const ADA = '00000000-0000-4000-8000-00000000000a';

function aReveal(phase: InterviewPhase, stage: HintStage, second: number, round = 1): HintReveal {
  return {
    sessionId: SESSION,
    round,
    phase,
    stage,
    text: `${phase} hint ${stage}`,
    revealedBy: ADA,
    revealedAt: `2030-01-07T10:00:${String(second).padStart(2, '0')}.000Z`,
  };
}
const keys = (log: readonly HintReveal[]) => log.map((reveal) => `${reveal.phase} ${reveal.stage}`);

describe('a tab’s revealed hints', () => {
  it('keeps each stage once, whether heard from the join, a broadcast or an ack', () => {
    const nudge = aReveal('deep-dive', 1, 5);
    let log = withReveals([], [nudge]);
    log = withReveals(log, [nudge, { ...nudge }]);
    log = withReveals(log, [aReveal('deep-dive', 2, 9)]);
    expect(keys(log)).toEqual(['deep-dive 1', 'deep-dive 2']);
  });

  it('orders hints by when they were revealed, whatever order they arrive in', () => {
    const log = withReveals([aReveal('estimation', 1, 30)], [aReveal('requirements', 1, 10)]);
    expect(keys(log)).toEqual(['requirements 1', 'estimation 1']);
  });

  it('tells the same stage of another round apart', () => {
    const log = withReveals([aReveal('requirements', 1, 1, 1)], [aReveal('requirements', 1, 2, 2)]);
    expect(log).toHaveLength(2);
    expect(revealedStage(log, 2, 'requirements')).toBe(1);
    expect(revealedStage(log, 2, 'estimation')).toBe(0);
  });
});

describe('which hint may be revealed next', () => {
  const log = [aReveal('deep-dive', 1, 1), aReveal('deep-dive', 2, 2), aReveal('estimation', 1, 3)];

  it('offers stage 1 of an untouched phase, then each next stage in order', () => {
    expect(nextStage([], 1, 'requirements', 3)).toBe(1);
    expect(nextStage(log, 1, 'estimation', 2)).toBe(2);
    expect(nextStage(log, 1, 'deep-dive', 3)).toBe(3);
  });

  it('offers nothing once every hint of the phase is out', () => {
    expect(nextStage(log, 1, 'deep-dive', 2)).toBeNull();
    expect(nextStage([...log, aReveal('deep-dive', 3, 4)], 1, 'deep-dive', 3)).toBeNull();
  });

  it('counts only the round asked about', () => {
    expect(nextStage(log, 2, 'deep-dive', 3)).toBe(1);
  });
});

describe('the interviewer’s list of hints', () => {
  const phases = (['requirements', 'estimation', 'deep-dive'] as const).map((phase) => ({
    phase,
    hints: ['a', 'b'],
  }));

  it('puts the current phase first and keeps the rest in plan order', () => {
    expect(currentPhaseFirst(phases, 'deep-dive').map((p) => p.phase)).toEqual([
      'deep-dive',
      'requirements',
      'estimation',
    ]);
  });

  it('keeps plan order when the current phase has no hints', () => {
    expect(currentPhaseFirst(phases, 'wrap-up').map((p) => p.phase)).toEqual([
      'requirements',
      'estimation',
      'deep-dive',
    ]);
  });
});

describe('how a hint is named for the candidate', () => {
  it('says the phase and how explicit it is', () => {
    expect(hintLabel({ phase: 'deep-dive', stage: 1 })).toBe('Deep dive · nudge');
    expect(hintLabel({ phase: 'api-and-data-model', stage: 3 })).toBe('API and data model · answer');
  });

  it('reads the whole hint to a screen reader', () => {
    expect(hintAnnouncement(aReveal('estimation', 2, 1))).toBe(
      'Hint from your interviewer, Estimation · pointer: estimation hint 2',
    );
  });
});
