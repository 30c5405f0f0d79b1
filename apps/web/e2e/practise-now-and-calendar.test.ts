import { artifact } from './support/browser';
import { expectNoSidewaysScroll, PHONE, memberStage } from './support/members';

describe('practising now, and the calendar subscription', () => {
  const stage = memberStage();
  const aMember = stage.aMember;

  it('pairs two people who press Practise now, and both land in the same session', async () => {
    const first = await aMember('Nora Now', 'Europe/London');
    await first.goto(`${stage.server.url}/practice`);
    const nowPanel = first.getByRole('region', { name: 'Practise now' });
    // By keyboard: the wait takes the focus to its Cancel, and Cancel gives it back.
    const focused = () => first.evaluate('document.activeElement?.textContent?.trim()');
    await nowPanel.getByRole('button', { name: 'Practise now' }).focus();
    await first.keyboard.press('Enter');
    await nowPanel.getByText('Looking for a partner…').waitFor();
    expect(await focused()).toBe('Cancel');
    await first.keyboard.press('Enter');
    await nowPanel.getByRole('button', { name: 'Practise now' }).waitFor();
    expect(await focused()).toBe('Practise now');

    await nowPanel.getByRole('button', { name: 'Practise now' }).click();
    await nowPanel.getByText('Looking for a partner…').waitFor();
    await nowPanel.getByText(/^4:\d\d$/).waitFor();
    await nowPanel.screenshot({ path: artifact('practise-now-waiting.png') });

    const second = await aMember('Sam Soon', 'Australia/Sydney');
    await second.goto(`${stage.server.url}/practice`);
    await second
      .getByRole('region', { name: 'Practise now' })
      .getByRole('button', { name: 'Practise now' })
      .click();
    await second.getByRole('heading', { level: 1, name: 'Session with Nora Now' }).waitFor();

    // The one who waited follows as soon as the match is announced (or the next poll sees it).
    await first.getByRole('heading', { level: 1, name: 'Session with Sam Soon' }).waitFor();
    expect(first.url()).toBe(second.url());

    // Join checks in and enters the live room; the session page then shows who is there.
    const sessionUrl = second.url();
    await second.getByRole('button', { name: 'Join' }).click();
    await second.waitForURL(`${sessionUrl}/room`);
    await second.goto(sessionUrl);
    await second.getByText('You’re checked in. Nora Now has not checked in yet.').waitFor();
    await first.getByRole('button', { name: 'Join' }).click();
    await first.waitForURL(`${sessionUrl}/room`);
    await first.goto(sessionUrl);
    await first.getByText('You’re checked in. Sam Soon is here too.').waitFor();
    await first.getByRole('link', { name: 'Enter the room' }).waitFor();
    await first.screenshot({ path: artifact('session-checked-in-desktop.png'), fullPage: true });
    await second.setViewportSize(PHONE);
    await second.reload();
    await second.getByText('You’re checked in. Nora Now is here too.').waitFor();
    await expectNoSidewaysScroll(second);
    await second.screenshot({ path: artifact('session-checked-in-phone.png'), fullPage: true });
  });

  it('starts a solo practice on a chosen prompt, with a calendar file to download', async () => {
    const member = await aMember('Solo Sol', 'Asia/Tokyo');
    await member.goto(`${stage.server.url}/practice`);
    const solo = member.getByRole('region', { name: 'Solo practice' });
    await solo.getByRole('button', { name: 'Start solo practice' }).click();
    await solo.getByText('Choose a prompt to practise.').waitFor();
    await solo.getByLabel('Prompt').selectOption({ label: 'Design a URL shortener' });
    await solo.getByRole('button', { name: 'Start solo practice' }).click();
    await member.getByRole('heading', { level: 1, name: 'Solo practice' }).waitFor();
    await member.getByText('You work through the prompt on your own').waitFor();
    await member.getByRole('link', { name: 'Design a URL shortener' }).waitFor();
    const href = await member.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
    const ics = await member.evaluate(async (path) => {
      const response = await fetch(path!);
      return { type: response.headers.get('content-type'), body: await response.text() };
    }, href);
    expect(ics.type).toMatch(/text\/calendar/);
    expect(ics.body).toContain('BEGIN:VEVENT');
  });

  it('shows a private calendar URL on the profile that can be copied and revoked', async () => {
    const member = await aMember('Cal Endar', 'UTC');
    await member
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stage.server.url });
    await member.goto(`${stage.server.url}/profile`);
    const feed = member.getByRole('region', { name: 'Calendar subscription' });
    const url = feed.getByLabel('Subscription URL');
    await url.waitFor();
    const first = await url.inputValue();
    // Without PUBLIC_URL links name localhost on the listening port, not the Host this page used.
    expect(first.startsWith(`http://localhost:${new URL(stage.server.url).port}/`)).toBe(true);

    await feed.getByRole('button', { name: 'Copy' }).click();
    await feed.getByText(/^Copied/).waitFor();
    expect(await member.evaluate('navigator.clipboard.readText()')).toBe(first);

    await feed.getByRole('button', { name: 'Revoke link…' }).click();
    await feed.getByRole('button', { name: 'Revoke and make a new link' }).click();
    await feed.getByText(/the old link no longer works/).waitFor();
    const second = await url.inputValue();
    expect(second).not.toBe(first);
    await member.screenshot({ path: artifact('profile-calendar-desktop.png'), fullPage: true });
    await member.setViewportSize(PHONE);
    await expectNoSidewaysScroll(member);
    await feed.screenshot({ path: artifact('profile-calendar-phone.png') });
  });
});
