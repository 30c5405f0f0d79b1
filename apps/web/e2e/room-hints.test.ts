import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Session } from '@mockboard/contracts';
import { signUp } from '../../api/test/support/factories';
import { FIXTURE_HINTS, HINTED_PROMPT_ID, promptsWithFixture } from '../../api/test/support/hinted-prompts';
import { aLiveSession, call, connect } from '../../api/test/support/room-client';
import { aLargeLog } from '../../api/test/support/room-factories';
import { artifact } from './support/browser';
import { memberStage, PHONE } from './support/members';

const ADMIN_EMAIL = 'hints-guide-admin@example.test';

/** Issue 17: the interviewer reveals a staged hint; the candidate's panel shows it at once. */
describe('staged hints in the live room', () => {
  const stage = memberStage({}, { PROMPTS_DIR: promptsWithFixture(), ADMIN_EMAILS: ADMIN_EMAIL });

  async function openRoom(page: Page, session: Session): Promise<void> {
    await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  }
  const storedReveals = async (sessionId: string) =>
    (await stage.server.dataSource.query(
      `SELECT phase, stage FROM hint_reveals WHERE session_id = $1 ORDER BY seq`,
      [sessionId],
    )) as { phase: string; stage: number }[];

  it('reveals a hint once, however eagerly clicked, and the candidate sees and hears it', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben, { promptId: HINTED_PROMPT_ID });
    const [a, b] = await Promise.all([stage.signedIn(ada), stage.signedIn(ben)]);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);

    // The interviewer's hints, the clock's phase first and open; the others folded away.
    const guide = a.getByRole('region', { name: 'Hints for a stuck candidate' });
    await guide.waitFor();
    const requirements = guide.locator('details', { hasText: 'Requirements' });
    expect(await requirements.getAttribute('open')).not.toBeNull();
    expect(await guide.locator('details', { hasText: 'Deep dive' }).getAttribute('open')).toBeNull();
    // Only the first stage can be revealed; the text stays hidden until read privately.
    const firstHint = FIXTURE_HINTS.requirements[0];
    expect(await requirements.getByText(firstHint).isVisible()).toBe(false);
    await requirements.getByRole('button', { name: 'Read privately' }).first().click();
    await requirements.getByText(firstHint).waitFor();
    expect(await requirements.getByRole('button', { name: /^Reveal hint 2/ }).count()).toBe(0);
    expect(await b.getByText(firstHint).count()).toBe(0);

    // A double click sends one reveal: the button waits for the first one's answer.
    await requirements.getByRole('button', { name: 'Reveal hint 1 (nudge)' }).dblclick();

    const card = b.locator('.hint-card', { hasText: firstHint });
    await card.waitFor();
    expect(await card.textContent()).toContain('Hint from your interviewer · Requirements · nudge');
    // Announced politely to a screen reader, from outside the (hideable) panel.
    await b
      .getByRole('status')
      .filter({ hasText: `Hint from your interviewer, Requirements · nudge: ${firstHint}` })
      .waitFor({ state: 'attached' });
    await requirements.getByText(/Revealed at/).waitFor();
    await requirements.getByRole('button', { name: 'Reveal hint 2 (pointer)' }).waitFor();
    expect(await storedReveals(session.id)).toEqual([{ phase: 'requirements', stage: 1 }]);

    await a.screenshot({ path: artifact('room-hints-interviewer.png') });
    await b.screenshot({ path: artifact('room-hints-candidate.png') });

    // A second hint arrives on top; both stay for the rest of the round, a reload included.
    await requirements.getByRole('button', { name: 'Reveal hint 2 (pointer)' }).click();
    await b.locator('.hint-card', { hasText: FIXTURE_HINTS.requirements[1] }).waitFor();

    // The clock moves on: the new phase's hints come first, opened.
    await a.getByRole('button', { name: /^Next: / }).click();
    await guide.locator('details[open]', { hasText: 'Estimation' }).waitFor();
    expect(await guide.locator('details').first().locator('summary').textContent()).toMatch(
      /^EstimationCurrent phase/,
    );
    await b.reload();
    await b.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    const cards = b.locator('.hint-card');
    await cards.nth(1).waitFor();
    expect(await cards.allTextContents()).toEqual([
      `Hint from your interviewer · Requirements · pointer${FIXTURE_HINTS.requirements[1]}`,
      `Hint from your interviewer · Requirements · nudge${FIXTURE_HINTS.requirements[0]}`,
    ]);
    // The room's guide does not list them a second time, and the candidate never sees the interviewer's list.
    expect(await b.getByRole('region', { name: 'Hints for a stuck candidate' }).count()).toBe(0);
    expect(await a.getByRole('region', { name: 'Staged hints' }).count()).toBe(0);

    // The replay marks both reveals; a hint's text shows once the play head has passed it. It plays
    // a drawing (an empty board just says so): one shape, drawn after the hints.
    await aLargeLog(stage.server.dataSource, session.id, { entries: 1 });
    await b.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    const replayed = b.getByRole('region', { name: 'Hints revealed' });
    await replayed.waitFor();
    const slider = b.getByRole('slider', { name: 'Replay position' });
    await slider.focus();
    await b.keyboard.press('Home');
    await replayed.getByText(FIXTURE_HINTS.requirements[0]).waitFor();
    await replayed.getByText('Revealed later: play on, or jump to it.').waitFor();
    expect(await replayed.getByText(FIXTURE_HINTS.requirements[1]).count()).toBe(0);
    await b.keyboard.press('End');
    await replayed.getByText(FIXTURE_HINTS.requirements[1]).waitFor();
    expect(await b.locator('.replay-scrubber__marker--hint').count()).toBe(2);
    await b.screenshot({ path: artifact('replay-hints.png'), fullPage: true });
  });

  it('lists the hints used on the scorecard and warns, gently, when a level goes above their cap', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben, { promptId: HINTED_PROMPT_ID });
    // The interview, over sockets: two hints on requirements (a nudge, then a pointer), then the end.
    const [interviewer, candidate] = await Promise.all([
      connect(stage.server.url, ada),
      connect(stage.server.url, ben),
    ]);
    try {
      for (const socket of [interviewer, candidate])
        expect(await call(socket, 'session:join', { sessionId: session.id })).toMatchObject({ ok: true });
      for (const hintStage of [1, 2])
        expect(
          await call(interviewer, 'hint:reveal', {
            sessionId: session.id,
            round: 1,
            phase: 'requirements',
            stage: hintStage,
          }),
        ).toMatchObject({ ok: true });
      expect(await call(interviewer, 'session:end', { sessionId: session.id })).toMatchObject({ ok: true });
    } finally {
      interviewer.disconnect();
      candidate.disconnect();
    }

    const a = await stage.signedIn(ada);
    await a.goto(`${stage.server.url}/sessions/${session.id}/rounds/1/score`);
    const used = a.getByRole('region', { name: 'Hints used in this round' });
    await used.waitFor();
    await used.getByText(FIXTURE_HINTS.requirements[1]).waitFor();
    await used.getByText('Requirements · Pointer (hint 2)').waitFor();

    // The dimension says what its hints weigh; a level above the cap gets a warning, not a refusal.
    const requirements = a.locator('#score-requirements');
    const note = requirements.getByRole('note', { name: 'Hints used on Requirements' });
    await note.getByText(/Pointer hint \(stage 2\) in Requirements: at most Solid \(3\)/).waitFor();
    await requirements.getByRole('radio', { name: /^4 / }).check();
    await note.getByText(/^You chose .* \(4\), above Solid \(3\), the most the rubric allows/).waitFor();
    await note.scrollIntoViewIfNeeded();
    await a.screenshot({ path: artifact('scorecard-hints-warning.png') });
    await requirements.getByRole('radio', { name: /^3 / }).check();
    await note.getByText(/^You chose/).waitFor({ state: 'detached' });
    // Another dimension, untouched by hints, has no note at all.
    expect(await a.locator('#score-estimation').getByRole('note').count()).toBe(0);

    // The candidate's page lists the same hints.
    const b = await stage.signedIn(ben);
    await b.goto(`${stage.server.url}/sessions/${session.id}/rounds/1/score`);
    await b
      .getByRole('region', { name: 'Hints used in this round' })
      .getByText(FIXTURE_HINTS.requirements[0])
      .waitFor();
    await b.screenshot({ path: artifact('scorecard-hints-candidate.png') });
  });

  it('starts round 2 afresh: the new candidate’s panel holds only round 2’s hints', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben, { promptId: HINTED_PROMPT_ID });
    await request(stage.server.url)
      .put(`/api/sessions/${session.id}/rounds/2/prompt`)
      .set(ben.bearer)
      .send({ promptId: HINTED_PROMPT_ID })
      .expect(200);
    const [a, b] = await Promise.all([stage.signedIn(ada), stage.signedIn(ben)]);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);
    const reveal = (page: Page) =>
      page
        .getByRole('region', { name: 'Hints for a stuck candidate' })
        .getByRole('button', { name: 'Reveal hint 1 (nudge)' })
        .click();

    await reveal(a);
    await b.locator('.hint-card').waitFor();
    await a.getByRole('button', { name: 'Swap roles' }).click();
    await a.getByRole('dialog', { name: 'Swap roles?' }).getByRole('button', { name: 'Swap roles' }).click();
    await b.getByText('You interview').waitFor();
    await a.getByText('You are the candidate').waitFor();

    // Ben's list starts at nothing revealed; Ada holds no card from the round she interviewed.
    const bensGuide = b.getByRole('region', { name: 'Hints for a stuck candidate' });
    await bensGuide.locator('details', { hasText: 'Requirements' }).getByText('0 of 3 revealed').waitFor();
    expect(await b.locator('.hint-card').count()).toBe(0);
    expect(await a.locator('.hint-card').count()).toBe(0);
    await reveal(b);
    await a.locator('.hint-card', { hasText: FIXTURE_HINTS.requirements[0] }).waitFor();
    expect(await a.locator('.hint-card').count()).toBe(1);
    expect(await a.getByRole('region', { name: 'Hints for a stuck candidate' }).count()).toBe(0);
  });

  it('lists the staged hints in the prompt page’s guide, to prepare with, and not twice in the room', async () => {
    // The prompt page shows the guide to admins (everyone else reads it in the room, as interviewer).
    const admin = await signUp(stage.server.url, { displayName: 'Ada Admin', email: ADMIN_EMAIL });
    const page = await stage.signedIn(admin);
    await page.goto(`${stage.server.url}/prompts/${HINTED_PROMPT_ID}`);
    const listed = page.getByRole('region', { name: 'Staged hints' });
    await listed.getByText(FIXTURE_HINTS['deep-dive'][2]).waitFor();
    expect(await listed.getByRole('heading', { level: 4 }).allTextContents()).toEqual([
      'Requirements',
      'Estimation',
      'API and data model',
      'High-level design',
      'Deep dive',
    ]);
    await page
      .getByRole('navigation', { name: 'Guide sections' })
      .getByRole('link', { name: 'Staged hints' })
      .waitFor();
  });

  it('lets a solo practitioner ask for the current phase’s hints, until the last one', async () => {
    const sol = await signUp(stage.server.url, { displayName: 'Sol Alone' });
    const practice = (
      await request(stage.server.url)
        .post('/api/sessions/solo')
        .set(sol.bearer)
        .send({ promptId: HINTED_PROMPT_ID })
        .expect(201)
    ).body as Session;
    const page = await stage.signedIn(sol);
    await openRoom(page, practice);
    await page.getByRole('button', { name: /^Next: Estimation/ }).click();
    await page.getByText(/^Round 1 · Estimation/).waitFor();

    await page.getByRole('button', { name: 'Stuck? Show hint 1 for Estimation (nudge)' }).click();
    await page.locator('.hint-card', { hasText: FIXTURE_HINTS.estimation[0] }).waitFor();
    expect(await page.locator('.hint-card__label').textContent()).toBe(
      'Hint you asked for · Estimation · nudge',
    );
    await page.getByRole('button', { name: 'Stuck? Show hint 2 for Estimation (pointer)' }).click();
    await page.locator('.hint-card', { hasText: FIXTURE_HINTS.estimation[1] }).waitFor();
    // Estimation has two: asking for a third says so, and offers nothing more.
    await page.getByRole('button', { name: 'Stuck? Show hint 3 for Estimation (answer)' }).click();
    await page.getByText('No more hints for Estimation: you had the last one.').waitFor();
    expect(await page.getByRole('button', { name: /^Stuck\?/ }).count()).toBe(0);
    await page.screenshot({ path: artifact('room-hints-solo.png') });
  });

  it('marks the folded-away prompt button on a phone when a hint arrives', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben, { promptId: HINTED_PROMPT_ID });
    const phone = await stage.signedIn(ben, PHONE);
    await openRoom(phone, session);
    const promptButton = phone.getByRole('button', { name: /^Prompt/ });
    expect(await promptButton.textContent()).toBe('Prompt');

    const interviewer = await connect(stage.server.url, ada);
    try {
      expect(await call(interviewer, 'session:join', { sessionId: session.id })).toMatchObject({ ok: true });
      const revealed = { sessionId: session.id, round: 1, phase: 'requirements', stage: 1 };
      expect(await call(interviewer, 'hint:reveal', revealed)).toMatchObject({ ok: true });
    } finally {
      interviewer.disconnect();
    }

    await phone.getByRole('button', { name: 'Prompt a new hint' }).waitFor();
    await phone.screenshot({ path: artifact('room-hints-phone-badge.png') });
    await promptButton.click();
    await phone.locator('.hint-card', { hasText: FIXTURE_HINTS.requirements[0] }).waitFor();
    // Seen: folding the panel away again leaves the button plain.
    await phone.getByRole('button', { name: 'Hide panel' }).click();
    expect(await promptButton.textContent()).toBe('Prompt');
  });
});
