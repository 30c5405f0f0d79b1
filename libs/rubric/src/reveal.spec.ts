import { REVEAL_AFTER_MS, revealDeadline, roundsToReveal, type RevealFacts } from './reveal';

const ENDS_AT = new Date('2026-11-20T11:30:00Z');
const SOON = new Date(ENDS_AT.getTime() + 60_000);
const LATER = new Date(ENDS_AT.getTime() + REVEAL_AFTER_MS);

function aCard(round: number, authorId: string, subjectId: string, submitted = true, revealed = false) {
  return { round, authorId, subjectId, submitted, revealed };
}

function swap(cards: RevealFacts['interviewerCards']): RevealFacts {
  return { format: 'swap', endsAt: ENDS_AT, interviewerCards: cards, ratedRounds: [] };
}

describe('roundsToReveal', () => {
  it('keeps a swap scorecard hidden until its subject has submitted theirs about the author', () => {
    expect(roundsToReveal(swap([aCard(1, 'ann', 'bob')]), SOON)).toEqual([]);
    expect(roundsToReveal(swap([aCard(1, 'ann', 'bob'), aCard(2, 'bob', 'ann', false)]), SOON)).toEqual([]);
  });

  it('reveals both swap scorecards once both are submitted', () => {
    expect(roundsToReveal(swap([aCard(1, 'ann', 'bob'), aCard(2, 'bob', 'ann')]), SOON)).toEqual([1, 2]);
  });

  it('never reveals a draft, not even after the deadline', () => {
    expect(roundsToReveal(swap([aCard(1, 'ann', 'bob', false), aCard(2, 'bob', 'ann')]), LATER)).toEqual([2]);
  });

  it('reveals a submitted scorecard 24 hours after the session ends, whatever the partner did', () => {
    const facts = swap([aCard(1, 'ann', 'bob')]);
    expect(roundsToReveal(facts, new Date(LATER.getTime() - 1))).toEqual([]);
    expect(roundsToReveal(facts, LATER)).toEqual([1]);
  });

  it('does not reveal again what is already revealed', () => {
    expect(roundsToReveal(swap([aCard(1, 'ann', 'bob', true, true), aCard(2, 'bob', 'ann')]), SOON)).toEqual([
      2,
    ]);
  });

  it("in a single session, reveals the interviewer's scorecard once the candidate has rated the interviewer", () => {
    const facts: RevealFacts = {
      format: 'single',
      endsAt: ENDS_AT,
      interviewerCards: [aCard(1, 'ann', 'bob')],
      ratedRounds: [],
    };
    expect(roundsToReveal(facts, SOON)).toEqual([]);
    expect(roundsToReveal({ ...facts, ratedRounds: [1] }, SOON)).toEqual([1]);
  });

  it('in a swap ended before its second round, reveals round 1 once its candidate has rated the interviewer', () => {
    const ended = { ...swap([aCard(1, 'ann', 'bob')]), skippedRounds: [2] };
    expect(roundsToReveal(ended, SOON)).toEqual([]);
    expect(roundsToReveal({ ...ended, ratedRounds: [1] }, SOON)).toEqual([1]);
    // A rating counts only where the subject had no round of their own to score the author in.
    expect(roundsToReveal({ ...swap([aCard(1, 'ann', 'bob')]), ratedRounds: [1] }, SOON)).toEqual([]);
  });
});

describe('revealDeadline', () => {
  it('is 24 hours after the end', () => {
    expect(revealDeadline(ENDS_AT).toISOString()).toBe('2026-11-21T11:30:00.000Z');
  });
});
