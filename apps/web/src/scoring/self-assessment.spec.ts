import type { Round, Scorecard } from '@mockboard/contracts';
import {
  closerWords,
  revealDeadline,
  selfAssessmentCloser,
  selfAssessmentRoundClosedBy,
  selfAssessmentState,
} from './self-assessment';

const ADA = '11111111-1111-4111-8111-111111111111';
const GRACE = '22222222-2222-4222-8222-222222222222';
const aRound = (number: number, interviewerId: string, candidateId: string) =>
  ({ number, interviewerId, candidateId }) as Round;
const swap = { rounds: [aRound(1, GRACE, ADA), aRound(2, ADA, GRACE)] };
const single = { rounds: [aRound(1, GRACE, ADA)] };
const card = (status: Scorecard['status']) => ({ status }) as Scorecard;

describe('selfAssessmentState', () => {
  it('is open until the interviewer’s feedback is revealed, then closed unless submitted', () => {
    expect(selfAssessmentState({ self: null, interviewer: null })).toBe('open');
    expect(selfAssessmentState({ self: card('draft'), interviewer: null })).toBe('open');
    expect(selfAssessmentState({ self: card('draft'), interviewer: card('submitted') })).toBe('closed');
    expect(selfAssessmentState({ self: null, interviewer: card('submitted') })).toBe('closed');
    expect(selfAssessmentState({ self: card('submitted'), interviewer: card('submitted') })).toBe(
      'submitted',
    );
  });
});

describe('what closes a self-assessment', () => {
  it('is the scorecard of the other round in a swap, the rating in a single session', () => {
    expect(selfAssessmentCloser(swap, 1, ADA)).toEqual({ kind: 'scorecard', round: 2 });
    expect(selfAssessmentCloser(swap, 2, GRACE)).toEqual({ kind: 'scorecard', round: 1 });
    expect(selfAssessmentCloser(single, 1, ADA)).toEqual({ kind: 'rating' });
    expect(closerWords({ kind: 'scorecard', round: 2 }, 'Grace')).toBe(
      'when you submit your round 2 scorecard about Grace',
    );
    expect(closerWords({ kind: 'rating' }, 'Grace')).toBe('when you rate Grace');
  });

  it('names the self-assessment an interviewer scorecard closes: the other round of a swap only', () => {
    expect(selfAssessmentRoundClosedBy(swap, 2, ADA)).toBe(1);
    expect(selfAssessmentRoundClosedBy(swap, 1, GRACE)).toBe(2);
    expect(selfAssessmentRoundClosedBy(single, 1, GRACE)).toBeNull();
    expect(selfAssessmentRoundClosedBy({ rounds: [aRound(1, ADA, ADA)] }, 1, ADA)).toBeNull();
  });

  it('closes 24 hours after the session’s scheduled end at the latest', () => {
    expect(revealDeadline({ endsAt: '2026-12-01T10:00:00.000Z' }).toISOString()).toBe(
      '2026-12-02T10:00:00.000Z',
    );
  });
});
