import { artifact } from './support/browser';
import { clockIn, dayIn, DESKTOP, expectNoSidewaysScroll, PHONE, memberStage } from './support/members';

const DAY = 24 * 60 * 60_000;

describe('scheduling with a peer in the browser', () => {
  const stage = memberStage();
  const aMember = stage.aMember;

  it('a host offers a slot tomorrow; a booker in another zone books it; both see the session', async () => {
    const host = await aMember('Ada Host', 'America/New_York');
    await host.getByRole('link', { name: 'Practice' }).click();
    await host.getByRole('heading', { level: 1, name: 'Practice' }).waitFor();

    // The offer form starts at tomorrow, 18:00 in the host's zone.
    const offer = host.getByRole('form', { name: 'Offer a slot' });
    await offer.getByRole('button', { name: 'Offer slot' }).click();
    await offer.getByText(/Slot offered for .*18:00/).waitFor();
    await host.getByRole('button', { name: /^Withdraw the slot on/ }).waitFor();
    const slot = await host.evaluate(async () => {
      const body = (await (await fetch('/api/slots?mine=true')).json()) as { slots: { startsAt: string }[] };
      return body.slots[0];
    });
    expect(slot).toBeDefined();
    const startsAt = new Date(slot!.startsAt);
    expect(clockIn(startsAt, 'America/New_York')).toBe('18:00');
    await host.screenshot({ path: artifact('practice-host-desktop.png'), fullPage: true });

    const booker = await aMember('Ben Booker', 'Asia/Kolkata');
    await booker.goto(`${stage.server.url}/practice`);
    const week = booker.getByRole('region', { name: 'Book a partner' });
    await week.getByText('Times in Asia/Kolkata').waitFor();
    await week.locator('.partner__name', { hasText: 'Ada Host' }).waitFor();
    const bookerClock = clockIn(startsAt, 'Asia/Kolkata');
    await week.getByText(new RegExp(`^${bookerClock}–`)).waitFor();
    await week.screenshot({ path: artifact('week-desktop.png') });
    await booker.setViewportSize(PHONE);
    await expectNoSidewaysScroll(booker);
    await week.screenshot({ path: artifact('week-phone.png') });
    await booker.setViewportSize(DESKTOP);

    await week.getByRole('button', { name: new RegExp(`^Book ${bookerClock} on .* with Ada Host$`) }).click();
    const confirm = booker.getByRole('dialog', { name: 'Book this slot?' });
    await confirm.getByText('(Asia/Kolkata)').waitFor();
    await booker.screenshot({ path: artifact('book-confirm-desktop.png') });
    await confirm.getByRole('button', { name: 'Confirm booking' }).click();
    const booked = booker.getByRole('dialog', { name: 'You’re booked' });
    await booked.getByRole('link', { name: 'Open the session' }).waitFor();
    // The keyboard goes on in the new dialog, not from the page behind it.
    expect(await booker.evaluate(() => document.activeElement?.textContent)).toBe('Open the session');
    await booker.screenshot({ path: artifact('book-done-desktop.png') });
    await booked.getByRole('button', { name: 'Done' }).click();

    const bookerSessions = booker.getByRole('region', { name: 'My sessions' });
    await bookerSessions.getByRole('link', { name: 'Session with Ada Host', exact: true }).waitFor();
    await bookerSessions.getByText(/Starts in/).waitFor();
    await week.getByText(/No open slots this week/).waitFor();
    // The Book button the dialog came from left with the slot: focus goes on from the week's heading.
    expect(await booker.evaluate(() => document.activeElement?.id)).toBe('week-title');

    // The host heard about it live (the bell), and sees the session after a reload.
    await host.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await host.reload();
    const hostSessions = host.getByRole('region', { name: 'My sessions' });
    await hostSessions.getByRole('link', { name: 'Session with Ben Booker', exact: true }).waitFor();
    await hostSessions.getByText(/18:00–19:30/).waitFor();
    // Join answers early with when the room opens; the row says it before anyone asks.
    await hostSessions.getByText(/^Room opens .*17:30$/).waitFor();
    expect(await host.getByRole('button', { name: /^Withdraw/ }).count()).toBe(0);
    await host.getByRole('button', { name: /^Notifications/ }).click();
    await host.getByRole('link', { name: /Your slot was booked/ }).waitFor();
    await host.screenshot({ path: artifact('notifications-host-desktop.png') });
    await host.setViewportSize(PHONE);
    await expectNoSidewaysScroll(host);
    await host.screenshot({ path: artifact('notifications-host-phone.png') });
    await host.getByRole('link', { name: /Your slot was booked/ }).click();
    await host.getByRole('heading', { level: 1, name: 'Session with Ben Booker' }).waitFor();
    await host.getByText('(America/New York)').first().waitFor();
    await host.getByRole('button', { name: 'Notifications' }).waitFor();
    await host.screenshot({ path: artifact('session-host-phone.png'), fullPage: true });

    // The booker's session page: partner, rounds, and a room that is not open yet.
    await bookerSessions.getByRole('link', { name: 'Session with Ada Host', exact: true }).click();
    await booker.getByRole('heading', { level: 1, name: 'Session with Ada Host' }).waitFor();
    await booker.getByText('Ada Host interviews you').waitFor();
    await booker.getByRole('button', { name: 'Join' }).click();
    await booker
      .getByRole('alert')
      .getByText(/The room opens at .* \(Asia\/Kolkata\), 30 minutes before/)
      .waitFor();
    // Before the start there is nothing to report yet: the page says when it can be, not "tell us".
    await booker
      .getByText('Reporting Ada Host to the moderators opens once the session has started.')
      .waitFor();
    expect(await booker.getByText(/did not show up/).count()).toBe(0);
    await booker.screenshot({ path: artifact('session-booker-desktop.png'), fullPage: true });
    await booker.setViewportSize(PHONE);
    await expectNoSidewaysScroll(booker);
    await booker.goto(`${stage.server.url}/practice`);
    await bookerSessions.getByRole('link', { name: 'Session with Ada Host', exact: true }).waitFor();
    await expectNoSidewaysScroll(booker);
    await booker.screenshot({ path: artifact('practice-booker-phone.png') });
  });

  it('moves a booked session to a time both accept, then cancels it with a reason', async () => {
    const host = await aMember('Hana Host', 'Europe/Berlin');
    const guest = await aMember('Gus Guest', 'America/Los_Angeles');
    const firstStart = new Date(Math.ceil((Date.now() + 3 * DAY) / (15 * 60_000)) * 15 * 60_000);
    const slot = await host.evaluate(async (startsAt) => {
      const response = await fetch('/api/slots', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ startsAt, format: 'single', hostRole: 'candidate' }),
      });
      return (await response.json()) as { id: string };
    }, firstStart.toISOString());
    const session = await guest.evaluate(async (slotId) => {
      const response = await fetch(`/api/slots/${slotId}/book`, { method: 'POST' });
      return (await response.json()) as { id: string };
    }, slot.id);

    // The host proposes the next day at 19:00 Berlin time.
    const newStart = new Date(firstStart.getTime() + DAY);
    await host.goto(`${stage.server.url}/sessions/${session.id}`);
    await host.getByText('Gus Guest interviews you').waitFor();
    await host.getByRole('button', { name: 'Propose a new time…' }).click();
    await host.getByLabel('Day', { exact: true }).fill(dayIn(newStart, 'Europe/Berlin'));
    await host.getByLabel('Time', { exact: true }).selectOption('19:00');
    await host.getByRole('button', { name: 'Propose this time' }).click();
    await host.getByText(/You proposed .*19:00 \(Europe\/Berlin\)/).waitFor();

    // The guest answers on their own page, in their own zone.
    await guest.goto(`${stage.server.url}/sessions/${session.id}`);
    await guest.getByText(/Hana Host proposes moving the session to/).waitFor();
    await guest.screenshot({ path: artifact('reschedule-proposal-desktop.png'), fullPage: true });
    await guest.getByRole('button', { name: 'Accept new time' }).click();
    // Answered once the proposal leaves the page; reading the session before that races the accept.
    await guest.getByText(/Hana Host proposes moving the session to/).waitFor({ state: 'detached' });
    const acceptedStart = await guest.evaluate(async (id) => {
      const body = (await (await fetch(`/api/sessions/${id}`)).json()) as { startsAt: string };
      return body.startsAt;
    }, session.id);
    expect(clockIn(new Date(acceptedStart), 'Europe/Berlin')).toBe('19:00');
    const guestClock = clockIn(new Date(acceptedStart), 'America/Los_Angeles');
    await guest.locator('.session-summary__when', { hasText: guestClock }).waitFor();

    await guest.getByRole('button', { name: 'Cancel session…' }).click();
    await guest.getByRole('button', { name: 'Cancel session', exact: true }).click();
    await guest.getByText('Tell Hana Host why you are cancelling.').waitFor();
    await guest.getByLabel('Reason').fill('A work trip came up, sorry!');
    await guest.setViewportSize(PHONE);
    await expectNoSidewaysScroll(guest);
    await guest.screenshot({ path: artifact('cancel-form-phone.png'), fullPage: true });
    await guest.getByRole('button', { name: 'Cancel session', exact: true }).click();
    await guest.getByText('Cancelled by you: “A work trip came up, sorry!”').waitFor();

    // The host's open page learns of it live.
    await host.getByText('Cancelled by Gus Guest: “A work trip came up, sorry!”').waitFor();
    await host.screenshot({ path: artifact('session-cancelled-desktop.png'), fullPage: true });
  });
});
