import { pickSurprisePrompt } from './surprise-prompt';

const library = ['a', 'b', 'c', 'd'].map((id) => ({ id, tags: id === 'd' ? ['caching'] : [] }));
const first = () => 0;

describe('pickSurprisePrompt', () => {
  it('never picks a prompt the candidate has already been asked', () => {
    for (let i = 0; i < 20; i += 1) {
      const picked = pickSurprisePrompt({
        prompts: library,
        askedOfCandidate: new Set(['a', 'b', 'c']),
        answeredByInterviewer: new Set(),
        random: () => i / 20,
      });
      expect(picked?.id).toBe('d');
    }
  });

  it('prefers a prompt the interviewer has answered themselves', () => {
    const picked = pickSurprisePrompt({
      prompts: library,
      askedOfCandidate: new Set(['a']),
      answeredByInterviewer: new Set(['a', 'c']),
      random: first,
    });
    expect(picked?.id).toBe('c');
  });

  it('then prefers what the participants asked for', () => {
    const picked = pickSurprisePrompt({
      prompts: library,
      askedOfCandidate: new Set(),
      answeredByInterviewer: new Set(),
      preferred: (prompt) => prompt.tags.includes('caching'),
      random: first,
    });
    expect(picked?.id).toBe('d');
  });

  it('ignores a preference that matches nothing fresh', () => {
    const picked = pickSurprisePrompt({
      prompts: library,
      askedOfCandidate: new Set(['d']),
      answeredByInterviewer: new Set(),
      preferred: (prompt) => prompt.tags.includes('caching'),
      random: first,
    });
    expect(picked?.id).toBe('a');
  });

  it('returns null once the candidate has been asked everything', () => {
    expect(
      pickSurprisePrompt({
        prompts: library,
        askedOfCandidate: new Set(['a', 'b', 'c', 'd']),
        answeredByInterviewer: new Set(),
      }),
    ).toBeNull();
  });
  it('avoids the prompt another round of the session uses, even one the interviewer answered', () => {
    // Round 1 was "a": the interviewer answered it just now, the candidate ran it with the guide open.
    for (let i = 0; i < 20; i += 1) {
      const picked = pickSurprisePrompt({
        prompts: library,
        askedOfCandidate: new Set(),
        answeredByInterviewer: new Set(['a']),
        usedInSession: new Set(['a']),
        random: () => i / 20,
      });
      expect(picked?.id).not.toBe('a');
    }
  });

  it('takes the session’s other prompt when nothing else is left', () => {
    const picked = pickSurprisePrompt({
      prompts: library,
      askedOfCandidate: new Set(['b', 'c', 'd']),
      answeredByInterviewer: new Set(),
      usedInSession: new Set(['a']),
    });
    expect(picked?.id).toBe('a');
  });
});
