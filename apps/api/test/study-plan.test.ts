import {
  ROADMAP_PHASE_TITLES,
  STUDY_PLAN_LIMITS,
  StudyPlanSchema,
  type StudyCard,
  type StudyPlan,
} from '@mockboard/contracts';
import request from 'supertest';
import { signUp, type SignedUpUser } from './support/factories';
import { asUser } from './support/scheduling-factories';
import { aPastSession } from './support/scoring-factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('study plan', () => {
  let server: TestApp;
  let me: SignedUpUser;
  let library: { id: string; roadmapPhase: number }[];
  let topicTitles: string[];
  beforeAll(async () => {
    server = await startTestApp();
    const anyone = await signUp(server.url);
    const listing = (await asUser(server, anyone).get('/api/prompts').expect(200)).body;
    library = listing.prompts;
    topicTitles = listing.topics.map((topic: { title: string }) => topic.title);
  });
  beforeEach(async () => {
    me = await signUp(server.url);
  });
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  const parsed = (body: unknown): StudyPlan => StudyPlanSchema.parse(body);
  const planOf = async (user: SignedUpUser) =>
    parsed((await as(user).get('/api/study-plan').expect(200)).body);
  const cards = (plan: StudyPlan): StudyCard[] => plan.columns.flatMap((column) => column.cards);
  const promptCardOf = (plan: StudyPlan, promptId: string) =>
    cards(plan).find((card) => card.promptId === promptId)!;
  const columnOf = (plan: StudyPlan, cardId: string) =>
    plan.columns.find((column) => column.cards.some((card) => card.id === cardId))!;

  describe('the default plan', () => {
    it('is written at the first visit: a column per roadmap phase with its weeks, then Interviews', async () => {
      const plan = await planOf(me);
      const phases = [...new Set(library.map((prompt) => prompt.roadmapPhase))].sort();
      expect(plan.columns).toHaveLength(phases.length + 1);
      plan.columns.slice(0, -1).forEach((column, index) => {
        const title = ROADMAP_PHASE_TITLES[phases[index] as 1 | 2 | 3 | 4];
        expect(column.title).toMatch(new RegExp(`^Weeks? \\d+(-\\d+)? · ${title}$`));
      });
      expect(plan.columns[0]!.title).toMatch(/^Weeks 1-\d+ · Foundations$/);
      expect(plan.columns.at(-1)!.title).toMatch(/^From week \d+ · Interviews$/);
      expect(plan.columns.at(-1)!.cards.map((card) => card.title)).toContain('Two mock interviews a week');
    });

    it("holds a card for every prompt of the library, in its phase, after the phase's curated topics", async () => {
      const plan = await planOf(me);
      const promptCards = cards(plan).filter((card) => card.kind === 'prompt');
      expect(promptCards.map((card) => card.promptId).sort()).toEqual(
        library.map((prompt) => prompt.id).sort(),
      );
      for (const column of plan.columns.slice(0, -1)) {
        const kinds = column.cards.map((card) => card.kind);
        expect(kinds[0]).toBe('topic');
        expect(kinds.lastIndexOf('topic')).toBeLessThan(kinds.indexOf('prompt'));
      }
      // The topics of prompts/topics.yaml, the library's Topic filter, not raw tags.
      const topicCards = cards(plan).filter((card) => card.kind === 'topic');
      expect(topicCards.length).toBeGreaterThan(0);
      for (const card of topicCards) expect(topicTitles).toContain(card.title);
      expect(cards(plan).every((card) => card.status === 'todo' && card.completedBy === null)).toBe(true);
      expect(plan.newPromptCount).toBe(0);
    });

    it('is stored, not rebuilt: a second visit finds the same cards, and each user has their own', async () => {
      const first = await planOf(me);
      expect(await planOf(me)).toEqual(first);
      const someoneElse = await planOf(await signUp(server.url));
      expect(cards(someoneElse).map((card) => card.id)).not.toContain(cards(first)[0]!.id);
    });

    it('is created once when the first visits race', async () => {
      const plans = await Promise.all(Array.from({ length: 5 }, () => planOf(me)));
      const ids = plans.map((plan) => plan.columns.map((column) => column.id).join());
      expect(new Set(ids).size).toBe(1);
    });

    it('needs a sign-in', async () => {
      await request(server.url).get('/api/study-plan').expect(401);
    });
  });

  describe('editing', () => {
    it('adds, renames, moves and deletes columns, keeping their order dense', async () => {
      const before = await planOf(me);
      let plan = parsed(
        (await as(me).post('/api/study-plan/columns', { title: '  Reading list ' }).expect(201)).body,
      );
      const added = plan.columns.at(-1)!;
      expect(added).toMatchObject({ title: 'Reading list', cards: [] });

      plan = parsed(
        (await as(me).patch(`/api/study-plan/columns/${added.id}`, { title: 'Books' }).expect(200)).body,
      );
      plan = parsed(
        (await as(me).post(`/api/study-plan/columns/${added.id}/move`, { position: 0 }).expect(200)).body,
      );
      expect(plan.columns.map((column) => column.title)).toEqual([
        'Books',
        ...before.columns.map((column) => column.title),
      ]);

      const second = before.columns[1]!;
      plan = parsed((await as(me).delete(`/api/study-plan/columns/${second.id}`).expect(200)).body);
      expect(plan.columns.map((column) => column.id)).not.toContain(second.id);
      expect(cards(plan).map((card) => card.id)).not.toContain(second.cards[0]!.id);
      expect(plan.newPromptCount).toBe(second.cards.filter((card) => card.kind === 'prompt').length);
    });

    it('adds a card with notes and links, edits it, sets its status and deletes it', async () => {
      const column = (await planOf(me)).columns.at(-1)!;
      let plan = parsed(
        (
          await as(me)
            .post('/api/study-plan/cards', {
              columnId: column.id,
              title: 'Read the Dynamo paper',
              notes: 'Focus on **sloppy quorums**.',
              links: [
                {
                  url: 'https://www.allthingsdistributed.com/files/amazon-dynamo-sosp2007.pdf',
                  title: 'Dynamo',
                },
              ],
            })
            .expect(201)
        ).body,
      );
      const card = plan.columns.at(-1)!.cards.at(-1)!;
      expect(card).toMatchObject({
        title: 'Read the Dynamo paper',
        kind: 'custom',
        promptId: null,
        status: 'todo',
        notes: 'Focus on **sloppy quorums**.',
        links: [
          { url: 'https://www.allthingsdistributed.com/files/amazon-dynamo-sosp2007.pdf', title: 'Dynamo' },
        ],
      });

      plan = parsed(
        (
          await as(me)
            .patch(`/api/study-plan/cards/${card.id}`, { status: 'doing', title: 'Dynamo' })
            .expect(200)
        ).body,
      );
      expect(cards(plan).find((each) => each.id === card.id)).toMatchObject({
        title: 'Dynamo',
        status: 'doing',
        notes: 'Focus on **sloppy quorums**.',
      });
      plan = parsed((await as(me).patch(`/api/study-plan/cards/${card.id}`, { links: [] }).expect(200)).body);
      expect(cards(plan).find((each) => each.id === card.id)!.links).toEqual([]);

      plan = parsed((await as(me).delete(`/api/study-plan/cards/${card.id}`).expect(200)).body);
      expect(cards(plan).map((each) => each.id)).not.toContain(card.id);
    });

    it('adds a prompt card titled after its prompt', async () => {
      const column = (await planOf(me)).columns[0]!;
      const plan = parsed(
        (
          await as(me)
            .post('/api/study-plan/cards', { columnId: column.id, kind: 'prompt', promptId: 'url-shortener' })
            .expect(201)
        ).body,
      );
      const added = plan.columns[0]!.cards.at(-1)!;
      expect(added).toMatchObject({ kind: 'prompt', promptId: 'url-shortener' });
      expect(added.title).toMatch(/URL shortener/i);
    });

    it('moves a card within its column and to another one, and clamps a stale position to the end', async () => {
      const plan = await planOf(me);
      const [from, to] = plan.columns;
      const card = from!.cards[0]!;
      let moved = parsed(
        (
          await as(me)
            .post(`/api/study-plan/cards/${card.id}/move`, { columnId: from!.id, position: 2 })
            .expect(200)
        ).body,
      );
      expect(moved.columns[0]!.cards.map((each) => each.id).indexOf(card.id)).toBe(2);

      moved = parsed(
        (
          await as(me)
            .post(`/api/study-plan/cards/${card.id}/move`, { columnId: to!.id, position: 1 })
            .expect(200)
        ).body,
      );
      expect(moved.columns[1]!.cards[1]!.id).toBe(card.id);
      expect(moved.columns[0]!.cards).toHaveLength(from!.cards.length - 1);

      moved = parsed(
        (
          await as(me)
            .post(`/api/study-plan/cards/${card.id}/move`, { columnId: to!.id, position: 999 })
            .expect(200)
        ).body,
      );
      expect(moved.columns[1]!.cards.at(-1)!.id).toBe(card.id);
    });

    it('keeps positions whole when many moves arrive at once', async () => {
      const plan = await planOf(me);
      const [first, second] = plan.columns;
      const moving = first!.cards.slice(0, 6);
      await Promise.all(
        moving.map((card, index) =>
          as(me)
            .post(`/api/study-plan/cards/${card.id}/move`, {
              columnId: index % 2 ? second!.id : first!.id,
              position: index,
            })
            .expect(200),
        ),
      );
      const positions: { column_id: string; position: number }[] = await server.dataSource.query(
        `SELECT column_id, position FROM study_plan_cards WHERE user_id = $1 ORDER BY column_id, position`,
        [me.user.id],
      );
      const byColumn = new Map<string, number[]>();
      for (const row of positions)
        byColumn.set(row.column_id, [...(byColumn.get(row.column_id) ?? []), row.position]);
      for (const list of byColumn.values()) expect(list).toEqual(list.map((_, index) => index));
      expect(cards(await planOf(me))).toHaveLength(cards(plan).length);
    });
  });

  describe('limits and refusals', () => {
    it('refuses links that are not web addresses, long notes and too many links, naming the field', async () => {
      const card = cards(await planOf(me))[0]!;
      const javascript = await as(me)
        .patch(`/api/study-plan/cards/${card.id}`, { links: [{ url: 'javascript:alert(1)' }] })
        .expect(400);
      expect(javascript.body.fields[0]).toEqual({
        field: 'links.0.url',
        message: 'must be a web address starting with http:// or https://',
      });
      const notes = await as(me)
        .patch(`/api/study-plan/cards/${card.id}`, { notes: 'x'.repeat(STUDY_PLAN_LIMITS.notesLength + 1) })
        .expect(400);
      expect(notes.body.fields[0]).toEqual({ field: 'notes', message: 'must be at most 5,000 characters' });
      const links = Array.from({ length: STUDY_PLAN_LIMITS.linksPerCard + 1 }, (_, index) => ({
        url: `https://example.com/${index}`,
      }));
      expect(
        (await as(me).patch(`/api/study-plan/cards/${card.id}`, { links }).expect(400)).body.fields[0].field,
      ).toBe('links');
      await as(me).patch(`/api/study-plan/cards/${card.id}`, {}).expect(400);
      await as(me).patch(`/api/study-plan/cards/${card.id}`, { status: 'finished' }).expect(400);
    });

    it('refuses a place that is not a whole number from 0 to 1,000, in words', async () => {
      const plan = await planOf(me);
      const card = cards(plan)[0]!;
      const fieldsOf = async (position: unknown) =>
        (
          await as(me)
            .post(`/api/study-plan/cards/${card.id}/move`, { columnId: plan.columns[0]!.id, position })
            .expect(400)
        ).body.fields;
      expect(await fieldsOf(1.5)).toEqual([{ field: 'position', message: 'must be a whole number' }]);
      expect(await fieldsOf(1e9)).toEqual([{ field: 'position', message: 'must be at most 1,000' }]);
      expect(await fieldsOf('2')).toEqual([{ field: 'position', message: 'must be a number' }]);
    });

    it('refuses a prompt card without a known prompt, and a card without a title', async () => {
      const column = (await planOf(me)).columns[0]!;
      const unknown = await as(me)
        .post('/api/study-plan/cards', { columnId: column.id, kind: 'prompt', promptId: 'no-such-prompt' })
        .expect(400);
      expect(unknown.body.fields).toEqual([
        { field: 'promptId', message: '"no-such-prompt" is not a prompt in the library' },
      ]);
      await as(me).post('/api/study-plan/cards', { columnId: column.id, kind: 'prompt' }).expect(400);
      await as(me).post('/api/study-plan/cards', { columnId: column.id, title: '   ' }).expect(400);
    });

    it(`holds at most ${STUDY_PLAN_LIMITS.columns} columns and ${STUDY_PLAN_LIMITS.cards} cards`, async () => {
      const plan = await planOf(me);
      for (let count = plan.columns.length; count < STUDY_PLAN_LIMITS.columns; count += 1) {
        await as(me)
          .post('/api/study-plan/columns', { title: `Column ${count}` })
          .expect(201);
      }
      const full = await as(me).post('/api/study-plan/columns', { title: 'One too many' }).expect(413);
      expect(full.body.message).toBe(
        `A plan holds at most ${STUDY_PLAN_LIMITS.columns} columns; delete one first.`,
      );

      const column = plan.columns.at(-1)!;
      await server.dataSource.query(
        `INSERT INTO study_plan_cards (user_id, column_id, position, title, kind)
         SELECT $1, $2, 100 + n, 'Filler ' || n, 'custom' FROM generate_series(1, $3::int) AS n`,
        [me.user.id, column.id, STUDY_PLAN_LIMITS.cards - cards(plan).length],
      );
      const tooMany = await as(me)
        .post('/api/study-plan/cards', { columnId: column.id, title: 'One more' })
        .expect(413);
      expect(tooMany.body.message).toBe(
        `A plan holds at most ${STUDY_PLAN_LIMITS.cards} cards; delete some first.`,
      );
    });

    it("answers 404 for another user's cards and columns, and for ids that are not ids", async () => {
      const them = await signUp(server.url);
      const theirs = await planOf(them);
      const card = theirs.columns[0]!.cards[0]!;
      const column = theirs.columns[0]!;
      const mine = (await planOf(me)).columns[0]!;
      await as(me).patch(`/api/study-plan/cards/${card.id}`, { status: 'done' }).expect(404);
      await as(me).delete(`/api/study-plan/cards/${card.id}`).expect(404);
      await as(me)
        .post(`/api/study-plan/cards/${card.id}/move`, { columnId: mine.id, position: 0 })
        .expect(404);
      const intoTheirs = mine.cards[0]!;
      await as(me)
        .post(`/api/study-plan/cards/${intoTheirs.id}/move`, { columnId: column.id, position: 0 })
        .expect(404);
      await as(me).post('/api/study-plan/cards', { columnId: column.id, title: 'Sneaky' }).expect(404);
      await as(me).patch(`/api/study-plan/columns/${column.id}`, { title: 'Mine now' }).expect(404);
      await as(me).delete(`/api/study-plan/columns/${column.id}`).expect(404);
      const missing = await as(me).patch('/api/study-plan/cards/not-a-uuid', { status: 'done' }).expect(404);
      expect(missing.body.message).toBe('No such card on your study plan');
      // Nothing of theirs changed.
      expect(await planOf(them)).toEqual(theirs);
    });

    it("keeps each card in its owner's columns in the database itself", async () => {
      const mine = (await planOf(me)).columns[0]!.cards[0]!;
      const theirs = (await planOf(await signUp(server.url))).columns[0]!;
      await expect(
        server.dataSource.query(`UPDATE study_plan_cards SET column_id = $2 WHERE id = $1`, [
          mine.id,
          theirs.id,
        ]),
      ).rejects.toMatchObject({ code: '23503' });
    });
  });

  describe('cards done by completed mocks', () => {
    it("marks the prompt's card done for both participants when a session on it completes", async () => {
      const partner = await signUp(server.url);
      await planOf(me);
      await planOf(partner);
      const session = await aPastSession(server, {
        host: partner,
        guest: me,
        format: 'single',
        prompts: ['url-shortener'],
        status: 'scoring',
        startedHoursAgo: 3,
      });
      for (const user of [me, partner]) {
        const card = promptCardOf(await planOf(user), 'url-shortener');
        expect(card.status).toBe('done');
        expect(card.completedBy?.sessionId).toBe(session.id);
      }
      expect(promptCardOf(await planOf(me), 'rate-limiter').status).toBe('todo');
    });

    it('applies a mock once: a card moved back to doing stays there', async () => {
      await planOf(me);
      await aPastSession(server, { guest: me, format: 'single', prompts: ['rate-limiter'] });
      const card = promptCardOf(await planOf(me), 'rate-limiter');
      expect(card.status).toBe('done');
      const plan = parsed(
        (await as(me).patch(`/api/study-plan/cards/${card.id}`, { status: 'doing' }).expect(200)).body,
      );
      expect(promptCardOf(plan, 'rate-limiter')).toMatchObject({ status: 'doing', completedBy: null });
      expect(promptCardOf(await planOf(me), 'rate-limiter').status).toBe('doing');
    });

    it('counts mocks completed before the first visit, and ignores cancelled and unfinished ones', async () => {
      await aPastSession(server, { guest: me, format: 'single', prompts: ['url-shortener'] });
      await aPastSession(server, {
        guest: me,
        format: 'single',
        prompts: ['rate-limiter'],
        status: 'cancelled',
      });
      await aPastSession(server, { guest: me, format: 'single', prompts: ['chat-app'], status: 'live' });
      const plan = await planOf(me);
      expect(promptCardOf(plan, 'url-shortener').status).toBe('done');
      expect(promptCardOf(plan, 'rate-limiter').status).toBe('todo');
      expect(promptCardOf(plan, 'chat-app').status).toBe('todo');
    });

    it('leaves to do what the user did not practise: a round never reached, a mock they missed', async () => {
      // A swap ended in round 1: round 2's prompt, chosen ahead, was never asked.
      const early = await aPastSession(server, { guest: me, prompts: ['url-shortener', 'rate-limiter'] });
      await server.dataSource.query(
        `INSERT INTO room_state (session_id, round, phase) VALUES ($1, 1, 'wrap-up')`,
        [early.id],
      );
      const missed = await aPastSession(server, { guest: me, format: 'single', prompts: ['chat-app'] });
      await server.dataSource.query(
        `UPDATE session_participants SET no_show = true WHERE session_id = $1 AND user_id = $2`,
        [missed.id, me.user.id],
      );
      const plan = await planOf(me);
      expect(promptCardOf(plan, 'url-shortener').status).toBe('done');
      expect(promptCardOf(plan, 'rate-limiter').status).toBe('todo');
      expect(promptCardOf(plan, 'chat-app').status).toBe('todo');
    });

    it('marks a prompt card added later done when a mock on it already completed', async () => {
      const session = await aPastSession(server, { guest: me, format: 'single', prompts: ['url-shortener'] });
      const card = promptCardOf(await planOf(me), 'url-shortener');
      let plan = parsed((await as(me).delete(`/api/study-plan/cards/${card.id}`).expect(200)).body);
      expect(plan.newPromptCount).toBe(1);
      plan = parsed((await as(me).post('/api/study-plan/new-prompts').expect(200)).body);
      expect(plan.newPromptCount).toBe(0);
      expect(promptCardOf(plan, 'url-shortener')).toMatchObject({
        status: 'done',
        completedBy: { sessionId: session.id },
      });
      expect(columnOf(plan, promptCardOf(plan, 'url-shortener').id).title).toMatch(/Foundations$/);
    });
  });

  describe('reset and export', () => {
    it('resets to the default plan after a confirmation in the page, keeping what completed mocks did', async () => {
      const original = await planOf(me);
      await aPastSession(server, { guest: me, format: 'single', prompts: ['url-shortener'] });
      await as(me).delete(`/api/study-plan/columns/${original.columns[0]!.id}`).expect(200);
      await as(me).post('/api/study-plan/columns', { title: 'Mine' }).expect(201);
      const reset = parsed((await as(me).post('/api/study-plan/reset').expect(200)).body);
      expect(reset.columns.map((column) => column.title)).toEqual(
        original.columns.map((column) => column.title),
      );
      expect(promptCardOf(reset, 'url-shortener').status).toBe('done');
    });

    it('exports the board as a Markdown download', async () => {
      const plan = await planOf(me);
      const card = plan.columns.at(-1)!.cards[0]!;
      await as(me)
        .patch(`/api/study-plan/cards/${card.id}`, {
          status: 'done',
          notes: 'Booked for Tuesdays.',
          links: [{ url: 'https://example.com/calendar', title: 'My calendar' }],
        })
        .expect(200);
      const response = await as(me).get('/api/study-plan/export.md').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/markdown/);
      expect(response.headers['content-disposition']).toBe('attachment; filename="mockboard-study-plan.md"');
      const markdown = response.text;
      expect(markdown).toContain(`## ${plan.columns[0]!.title}`);
      expect(markdown).toContain(
        `- [x] ${card.title} · Done\n\n  Booked for Tuesdays.\n\n  - [My calendar](<https://example.com/calendar>)`,
      );
      expect(markdown).toMatch(
        /- \[ \] \[Design a URL shortener\]\(<[^>]*\/prompts\/url-shortener>\) · To do/,
      );
      expect(markdown).toContain(`1 of ${cards(plan).length} done.`);
    });
  });
});
