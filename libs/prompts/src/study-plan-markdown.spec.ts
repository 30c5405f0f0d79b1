import type { StudyCard, StudyPlan } from '@mockboard/contracts';
import { studyPlanMarkdown } from './study-plan-markdown';

let next = 0;
function aCard(overrides: Partial<StudyCard> = {}): StudyCard {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    title: `Card ${next}`,
    kind: 'custom',
    promptId: null,
    status: 'todo',
    notes: '',
    links: [],
    completedBy: null,
    ...overrides,
  };
}

const options = {
  promptUrl: (id: string) => `https://mockboard.example/prompts/${id}`,
  formatDate: (at: Date) => at.toISOString().slice(0, 10),
};

function planOf(...columns: [string, StudyCard[]][]): StudyPlan {
  return {
    columns: columns.map(([title, cards], index) => ({
      id: `10000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      title,
      cards,
    })),
    newPromptCount: 0,
  };
}

describe('studyPlanMarkdown', () => {
  it('writes columns as sections and cards as task-list items with their status', () => {
    const markdown = studyPlanMarkdown(
      planOf(
        [
          'Weeks 1-3 · Foundations',
          [
            aCard({ title: 'Caching', kind: 'topic', status: 'done' }),
            aCard({ title: 'Read the Raft paper', status: 'doing' }),
          ],
        ],
        ['Interviews', [aCard({ title: 'Two mock interviews a week' })]],
      ),
      options,
    );
    expect(markdown).toBe(
      [
        '# Study plan',
        '',
        '1 of 3 done.',
        '',
        '## Weeks 1-3 · Foundations',
        '',
        '- [x] Caching · Done',
        '- [ ] Read the Raft paper · Doing',
        '',
        '## Interviews',
        '',
        '- [ ] Two mock interviews a week · To do',
        '',
      ].join('\n'),
    );
  });

  it('links a prompt card to its page and says which mock completed it', () => {
    const markdown = studyPlanMarkdown(
      planOf([
        'Foundations',
        [
          aCard({
            title: 'Design a URL shortener',
            kind: 'prompt',
            promptId: 'url-shortener',
            status: 'done',
            completedBy: {
              sessionId: '20000000-0000-4000-8000-000000000000',
              at: '2026-11-30T10:00:00.000Z',
            },
          }),
        ],
      ]),
      options,
    );
    expect(markdown).toContain(
      '- [x] [Design a URL shortener](<https://mockboard.example/prompts/url-shortener>) · Done · completed in your mock on 2026-11-30',
    );
  });

  it('indents notes and links under their card, keeping the notes Markdown but no HTML', () => {
    const markdown = studyPlanMarkdown(
      planOf([
        'Foundations',
        [
          aCard({
            title: 'Consistent hashing',
            notes: 'Read **chapter 5**.\n\nThen <script>alert(1)</script> try it.',
            links: [
              { url: 'https://example.com/ring (v2)', title: 'The [ring] explained' },
              { url: 'https://example.com/plain' },
            ],
          }),
        ],
      ]),
      options,
    );
    expect(markdown).toContain(
      [
        '- [ ] Consistent hashing · To do',
        '',
        '  Read **chapter 5**.',
        '',
        '  Then &lt;script&gt;alert(1)&lt;/script&gt; try it.',
        '',
        '  - [The \\[ring\\] explained](<https://example.com/ring%20(v2)>)',
        '  - [https://example.com/plain](<https://example.com/plain>)',
      ].join('\n'),
    );
  });

  it('keeps a title from starting Markdown of its own, and marks an empty column', () => {
    const markdown = studyPlanMarkdown(
      planOf(['Extra *reading*', [aCard({ title: '[x] not a box\nsecond line' })]], ['Later', []]),
      options,
    );
    expect(markdown).toContain('## Extra \\*reading\\*');
    expect(markdown).toContain('- [ ] \\[x\\] not a box second line · To do');
    expect(markdown).toContain('## Later\n\n_No cards._');
  });

  it('writes a plain & as typed, and keeps a typed entity or tag from being rendered', () => {
    const markdown = studyPlanMarkdown(
      planOf([
        'Q&A practice',
        [
          aCard({
            title: 'Caching Q&A: &lt;b&gt; vs <b>',
            notes: 'Reads & writes; &amp; stays text; <img src=x onerror=alert(1)>',
          }),
        ],
      ]),
      options,
    );
    expect(markdown).toContain('## Q&A practice');
    expect(markdown).toContain('- [ ] Caching Q&A: \\&lt;b\\&gt; vs &lt;b&gt; · To do');
    expect(markdown).toContain('  Reads & writes; \\&amp; stays text; &lt;img src=x onerror=alert(1)&gt;');
    expect(markdown).not.toContain('&amp;A');
    expect(markdown).not.toMatch(/<(?!https?:)[a-z]/i);
  });
});
