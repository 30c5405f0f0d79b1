import type { Page } from 'playwright-core';
import type { Session } from '@mockboard/contracts';
import { signUp } from '../../api/test/support/factories';
import { FIXTURE_HINTS, HINTED_PROMPT_ID, promptsWithFixture } from '../../api/test/support/hinted-prompts';
import { aLiveSession } from '../../api/test/support/room-client';
import { artifact } from './support/browser';
import { memberStage } from './support/members';

/** Issue 17: the interviewer reveals a staged hint; the candidate's panel shows it at once. */
describe('staged hints in the live room', () => {
  const stage = memberStage({}, { PROMPTS_DIR: promptsWithFixture() });

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
    await b.reload();
    await b.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    const cards = b.locator('.hint-card');
    await cards.nth(1).waitFor();
    expect(await cards.allTextContents()).toEqual([
      `Hint from your interviewer · Requirements · pointer${FIXTURE_HINTS.requirements[1]}`,
      `Hint from your interviewer · Requirements · nudge${FIXTURE_HINTS.requirements[0]}`,
    ]);
    // The candidate never sees the interviewer's list.
    expect(await b.getByRole('region', { name: 'Hints for a stuck candidate' }).count()).toBe(0);

    // The replay marks both reveals; a hint's text shows once the play head has passed it.
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
});
