import { caseStudyMarkdown, inertText, type CaseStudyContent } from './case-study-markdown';

function aCaseStudy(overrides: Partial<CaseStudyContent> = {}): CaseStudyContent {
  return {
    title: 'Case study: Design a URL shortener',
    startsAt: new Date('2026-11-20T10:00:00Z'),
    timeZone: 'UTC',
    format: 'single',
    solo: false,
    rounds: [
      {
        number: 1,
        role: 'candidate',
        promptId: 'url-shortener',
        promptTitle: 'Design a URL shortener',
        problemStatement: 'Design a service like bit.ly.',
        notes: null,
      },
    ],
    feedback: [],
    ...overrides,
  };
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>';

describe('caseStudyMarkdown', () => {
  it('writes the title, the date in the owner’s zone, each round and the whiteboard last', () => {
    const markdown = caseStudyMarkdown(aCaseStudy(), SVG);
    expect(markdown).toMatch(/^# Case study: Design a URL shortener\n/);
    expect(markdown).toContain('Fri 20 Nov 2026, 10:00 (UTC)');
    expect(markdown).toContain('## Design a URL shortener\n\nI was the candidate.\n\n### Problem statement');
    expect(markdown.trimEnd().endsWith(`## Final whiteboard\n\n${SVG}`)).toBe(true);
  });

  it('shows each round’s own whiteboard when the rounds drew on boards of their own', () => {
    const second = SVG.replace('10 10', '20 20');
    const markdown = caseStudyMarkdown(aCaseStudy(), [
      { round: 1, svg: SVG },
      { round: 2, svg: second },
    ]);
    expect(markdown).not.toContain('## Final whiteboard');
    expect(
      markdown.trimEnd().endsWith(`## Whiteboard, round 1\n\n${SVG}\n\n## Whiteboard, round 2\n\n${second}`),
    ).toBe(true);
    expect(caseStudyMarkdown(aCaseStudy(), [{ round: 1, svg: SVG }])).toContain(
      `## Final whiteboard\n\n${SVG}`,
    );
  });

  it('numbers the rounds of a swap session and shows only notes that exist', () => {
    const markdown = caseStudyMarkdown(
      aCaseStudy({
        format: 'swap',
        rounds: [
          {
            number: 1,
            role: 'interviewer',
            promptId: null,
            promptTitle: null,
            problemStatement: null,
            notes: 'ok',
          },
          {
            number: 2,
            role: 'candidate',
            promptId: null,
            promptTitle: null,
            problemStatement: null,
            notes: '  ',
          },
        ],
      }),
      SVG,
    );
    expect(markdown).toContain('## Round 1: No prompt chosen\n\nI was the interviewer.');
    expect(markdown.match(/My interviewer notes/g)).toHaveLength(1);
  });

  it('makes typed text inert: no raw HTML, and table cells stay one cell', () => {
    const markdown = caseStudyMarkdown(
      aCaseStudy({
        feedback: [
          {
            round: 1,
            weightedScore: 2.5,
            dimensions: [
              {
                dimensionId: 'requirements',
                title: 'Requirements',
                level: 2,
                levelLabel: 'Developing',
                evidence: 'a | b\n<img src=x onerror=alert(1)>',
              },
              { dimensionId: 'estimation', title: 'Estimation', level: null, levelLabel: null, evidence: '' },
            ],
            strengths: 'Good\n<script>x</script>',
            improvements: '',
          },
        ],
      }),
      SVG,
    );
    expect(markdown).toContain('**Weighted score: 2.50 / 4**');
    expect(markdown).toContain(
      '| Requirements | 2 — Developing | a \\| b<br>&lt;img src=x onerror=alert(1)&gt; |',
    );
    expect(markdown).toContain('| Estimation | — | — |');
    expect(markdown).toContain('> Good\n> &lt;script&gt;x&lt;/script&gt;');
    expect(markdown).not.toContain('**To improve**');
    expect(markdown).not.toMatch(/<(script|img)/);
  });

  it('calls a solo session solo practice', () => {
    expect(caseStudyMarkdown(aCaseStudy({ solo: true }), SVG)).toContain('Solo practice.');
  });
});

describe('inertText', () => {
  it('escapes ampersands first, then angle brackets', () => {
    expect(inertText('a & <b> &lt;')).toBe('a &amp; &lt;b&gt; &amp;lt;');
  });
});
