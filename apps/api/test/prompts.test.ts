import request from 'supertest';
import type { PromptDetail, PromptListResponse, Rubric } from '@mockboard/contracts';
import { CORE_PROMPT_IDS } from '@mockboard/prompts';
import { signUp } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('prompt library and rubric', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ ADMIN_EMAILS: 'admin@example.test' });
  });
  afterAll(() => server.close());

  const list = async (query = ''): Promise<PromptListResponse> =>
    (await request(server.url).get(`/api/prompts${query}`).expect(200)).body;

  it('lists at least the twelve core prompts, in roadmap order, with every tag', async () => {
    const { prompts, tags } = await list();
    expect(prompts.length).toBeGreaterThanOrEqual(12);
    expect(prompts.map((prompt) => prompt.id)).toEqual(expect.arrayContaining([...CORE_PROMPT_IDS]));
    const phases = prompts.map((prompt) => prompt.roadmapPhase);
    expect(phases).toEqual([...phases].sort());
    expect(tags).toEqual(expect.arrayContaining(prompts.flatMap((prompt) => prompt.tags)));
    for (const prompt of prompts) {
      expect(prompt.totalMinutes).toBe(prompt.timePlan.reduce((sum, entry) => sum + entry.minutes, 0));
    }
  });

  it('filters by difficulty, tag, roadmap phase and text', async () => {
    const hard = await list('?difficulty=hard');
    expect(hard.prompts.length).toBeGreaterThan(0);
    expect(hard.prompts.every((prompt) => prompt.difficulty === 'hard')).toBe(true);

    const cached = await list('?tag=caching');
    expect(cached.prompts.map((prompt) => prompt.id)).toContain('url-shortener');
    expect(cached.prompts.every((prompt) => prompt.tags.includes('caching'))).toBe(true);

    const foundations = await list('?roadmapPhase=1');
    expect(foundations.prompts.every((prompt) => prompt.roadmapPhase === 1)).toBe(true);

    const text = await list('?q=' + encodeURIComponent('URL SHORT'));
    expect(text.prompts.map((prompt) => prompt.id)).toEqual(['url-shortener']);

    expect((await list('?q=zzzz-no-such-thing')).prompts).toEqual([]);
  });

  it('filters by a topic of prompts/topics.yaml, its prompts carrying any of its tags', async () => {
    const { topics } = await list();
    expect(topics.length).toBeGreaterThanOrEqual(10);
    expect(topics.length).toBeLessThanOrEqual(16);
    expect(topics).toContainEqual({ id: 'caching', title: 'Caching' });

    const money = await list('?topic=payments-and-money');
    const ids = money.prompts.map((prompt) => prompt.id);
    expect(ids).toEqual(expect.arrayContaining(['payment-wallet', 'ticketing', 'hotel-reservation']));
    expect(ids).not.toContain('url-shortener');
    // Combined with the other filters, and the raw tag still accepted for older links.
    const hardMoney = await list('?topic=payments-and-money&difficulty=hard');
    expect(hardMoney.prompts.every((prompt) => prompt.difficulty === 'hard' && ids.includes(prompt.id))).toBe(
      true,
    );

    const unknown = await request(server.url).get('/api/prompts?topic=cooking').expect(400);
    expect(unknown.body.fields[0]).toMatchObject({ field: 'topic' });
    expect(unknown.body.fields[0].message).toContain('caching');
  });

  it('rejects bad filters with 400 naming the parameter', async () => {
    const badDifficulty = await request(server.url).get('/api/prompts?difficulty=impossible').expect(400);
    expect(badDifficulty.body.fields[0].field).toBe('difficulty');
    const unknown = await request(server.url).get('/api/prompts?sort=asc').expect(400);
    expect(unknown.body.fields).toEqual([{ field: 'sort', message: 'is not an accepted field' }]);
    const longText = await request(server.url)
      .get(`/api/prompts?q=${'a'.repeat(101)}`)
      .expect(400);
    expect(longText.body.fields[0]).toEqual({ field: 'q', message: 'must be at most 100 characters' });
  });

  it("shows a member the candidate's view: the statement, never the interviewer's guide", async () => {
    const member = await signUp(server.url);
    for (const headers of [{}, member.bearer]) {
      const detail: PromptDetail = (
        await request(server.url).get('/api/prompts/url-shortener').set(headers).expect(200)
      ).body;
      expect(detail.audience).toBe('candidate');
      expect(detail.problemStatement.length).toBeGreaterThan(100);
      expect(detail.guide).toBeNull();
      expect(JSON.stringify(detail)).not.toMatch(/\*\*Strong[^*]*:\*\*|Reference|Common pitfalls|## Hints/);
    }
  });

  it("shows an admin the interviewer's guide with a signal for every rubric dimension", async () => {
    const admin = await signUp(server.url, { email: 'admin@example.test' });
    const rubric: Rubric = (await request(server.url).get('/api/rubric').expect(200)).body;
    const detail: PromptDetail = (
      await request(server.url).get('/api/prompts/raft-kv-store').set(admin.bearer).expect(200)
    ).body;
    expect(detail.audience).toBe('interviewer');
    const sectionIds = detail.guide?.sections.map((section) => section.id);
    expect(sectionIds).toEqual(
      expect.arrayContaining([
        'clarifying-questions',
        'scale-estimates',
        'high-level-design',
        'common-pitfalls',
      ]),
    );
    expect(detail.guide?.signals.map((signal) => signal.dimensionId)).toEqual(
      rubric.dimensions.map((dimension) => dimension.id),
    );
    for (const signal of detail.guide?.signals ?? []) {
      expect([3, 4]).toContain(signal.strongLevel);
      expect([1, 2]).toContain(signal.weakLevel);
    }
    // Hints are their own field, never a guide section; when a prompt has them, they follow its time plan.
    expect(sectionIds).not.toContain('hints');
    const hintPhases = detail.guide?.hints.map((entry) => entry.phase) ?? [];
    if (hintPhases.length > 0) expect(hintPhases).toEqual(detail.timePlan.map((entry) => entry.phase));
  });

  it('answers 404 for an unknown prompt', async () => {
    const response = await request(server.url).get('/api/prompts/no-such-prompt').expect(404);
    expect(response.body.message).toBe('No prompt with id "no-such-prompt"');
  });

  it('serves the rubric: weighted dimensions adding up to 100, four anchored levels, distinct expectations, recommendations, hint weighting', async () => {
    const rubric: Rubric = (await request(server.url).get('/api/rubric').expect(200)).body;
    expect(rubric.dimensions.length).toBeGreaterThanOrEqual(6);
    expect(rubric.dimensions.reduce((sum, dimension) => sum + dimension.weight, 0)).toBe(100);
    for (const dimension of rubric.dimensions) {
      expect(Object.keys(dimension.anchors)).toEqual(['1', '2', '3', '4']);
      expect(Object.keys(dimension.expectations)).toEqual(['junior', 'mid', 'senior', 'staff']);
      // Each target level expects a distinct level: junior 1, mid 2, senior 3, staff 4.
      expect(Object.values(dimension.expectations).map((expectation) => expectation.level)).toEqual([
        1, 2, 3, 4,
      ]);
    }
    expect(rubric.levels.map((level) => level.label)).toEqual([
      'Foundational',
      'Developing',
      'Solid',
      'Exceptional',
    ]);
    expect(rubric.recommendations.length).toBeGreaterThanOrEqual(3);
    expect(rubric.hints.stages.map((stage) => [stage.stage, stage.maxLevel])).toEqual([
      [1, null],
      [2, 3],
      [3, 2],
    ]);
  });
});
