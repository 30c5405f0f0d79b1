import { calibrationByPrompt } from './calibration';

const rubric = {
  dimensions: [{ id: 'requirements' }, { id: 'estimation' }],
} as unknown as Parameters<typeof calibrationByPrompt>[0];
const prompts = [
  { id: 'url-shortener', title: 'URL shortener' },
  { id: 'chat-app', title: 'Chat app' },
];

describe('calibrationByPrompt', () => {
  it('averages submitted scorecards per prompt and per dimension', () => {
    const [url, chat] = calibrationByPrompt(
      rubric,
      prompts,
      [
        {
          promptId: 'url-shortener',
          sessionId: 's1',
          weightedScore: 2.5,
          levels: { requirements: 2, estimation: 3 },
        },
        {
          promptId: 'url-shortener',
          sessionId: 's1',
          weightedScore: 3,
          levels: { requirements: 4, estimation: null },
        },
        { promptId: 'url-shortener', sessionId: 's2', weightedScore: 3.25, levels: { requirements: 3 } },
      ],
      [],
    );
    expect(url).toEqual({
      promptId: 'url-shortener',
      title: 'URL shortener',
      sessions: 2,
      averageScore: 2.92,
      dimensions: [
        { dimensionId: 'requirements', scored: 3, average: 3 },
        { dimensionId: 'estimation', scored: 1, average: 3 },
      ],
      interviewerRatings: { rated: 0, clarity: null, helpfulness: null },
    });
    expect(chat).toMatchObject({ sessions: 0, averageScore: null });
    expect(chat!.dimensions.every((dimension) => dimension.scored === 0 && dimension.average === null)).toBe(
      true,
    );
  });

  it('reports interviewer ratings as averages only', () => {
    const [url] = calibrationByPrompt(
      rubric,
      prompts,
      [],
      [
        { promptId: 'url-shortener', clarity: 5, helpfulness: 4 },
        { promptId: 'url-shortener', clarity: 4, helpfulness: 4 },
        { promptId: 'chat-app', clarity: 1, helpfulness: 1 },
      ],
    );
    expect(url!.interviewerRatings).toEqual({ rated: 2, clarity: 4.5, helpfulness: 4 });
  });
});
