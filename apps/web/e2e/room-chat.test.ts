import type { Page } from 'playwright-core';
import type { Session } from '@mockboard/contracts';
import { signUp } from '../../api/test/support/factories';
import { aLiveSession } from '../../api/test/support/room-client';
import { artifact } from './support/browser';
import { memberStage } from './support/members';

/** The window the chat must fit on without a click: a common laptop screen. */
const LAPTOP = { width: 1280, height: 800 };

/** Run in the page: whether a scrolling element shows its end (these tests compile without the DOM's types). */
const scrolledToTheEnd = (list: { scrollTop: number; clientHeight: number; scrollHeight: number }) =>
  list.scrollTop + list.clientHeight >= list.scrollHeight - 2;

/** Issue 13: the room's text chat between the two participants, kept with the session. */
describe('the room chat in two browsers', () => {
  const stage = memberStage();

  async function openRoom(page: Page, session: Session): Promise<void> {
    await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  }

  const messageBox = (page: Page) => page.getByLabel('Message', { exact: true });
  const chatLog = (page: Page) => page.getByRole('list', { name: 'Messages' });

  async function say(page: Page, text: string): Promise<void> {
    await messageBox(page).fill(text);
    await messageBox(page).press('Enter');
  }

  it('carries messages both ways, keeps them over a reload, and shows them in the replay', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const [a, b] = await Promise.all([stage.signedIn(ada, LAPTOP), stage.signedIn(ben, LAPTOP)]);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);

    // Visible at once, in the side panel beside the board: never over Excalidraw's tools.
    await a.getByText(/^No messages yet\. Use the chat for links/).waitFor();
    const boxArea = (await messageBox(a).boundingBox())!;
    expect(boxArea.y + boxArea.height).toBeLessThanOrEqual(LAPTOP.height);
    const board = (await a.locator('.excalidraw').first().boundingBox())!;
    expect(boxArea.x).toBeGreaterThanOrEqual(board.x + board.width - 1);

    // Ada sends a link with Enter; Ben gets it as a link that opens apart from the room.
    await say(a, 'The spec: https://example.com/spec.');
    const link = chatLog(b).getByRole('link', { name: 'https://example.com/spec' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://example.com/spec');
    expect(await link.getAttribute('rel')).toContain('noopener');
    await chatLog(b).getByText('Ada Host').waitFor();
    // Shown as sent (with its time) once the server stored it.
    await chatLog(a).locator('.chat-line--sent').getByText('You').waitFor();

    // Ben answers on two lines (Shift+Enter), and markup stays text.
    await messageBox(b).fill('Got it, thanks');
    await messageBox(b).press('Shift+Enter');
    await messageBox(b).pressSequentially('<b>not bold</b>');
    await messageBox(b).press('Enter');
    await chatLog(a).getByText('<b>not bold</b>', { exact: false }).waitFor();
    expect(await chatLog(a).locator('b').count()).toBe(0);
    expect(await messageBox(b).inputValue()).toBe('');

    // A long paste is counted as it nears the limit, and told when it was cut there.
    await messageBox(b).fill('y'.repeat(1_700));
    await b.getByText('1,700 of 2,000 characters').waitFor();
    await messageBox(b).fill('z'.repeat(2_100));
    expect((await messageBox(b).inputValue()).length).toBe(2_000);
    await b
      .getByRole('status')
      .getByText(/The limit is 2,000 characters: the text stops there/)
      .waitFor();
    await messageBox(b).fill('');
    expect(await b.getByText(/of 2,000 characters/).count()).toBe(0);

    // While Ada's panel is hidden, Ben's message shows as unread on the button that opens it.
    await a.getByRole('button', { name: 'Hide panel' }).click();
    await say(b, 'Can you hear me?');
    const opener = a.getByRole('button', { name: /^Prompt/ });
    await opener.getByText('1 unread message').waitFor();
    await opener.click();
    await chatLog(a).getByText('Can you hear me?').waitFor();
    expect(await opener.getByText(/unread/).count()).toBe(0);
    // The latest message is scrolled into view, and was announced politely.
    expect(await chatLog(a).evaluate(scrolledToTheEnd)).toBe(true);
    await a.locator('[aria-live="polite"]').getByText('Ben Guest: Can you hear me?').waitFor();

    await a.screenshot({ path: artifact('room-chat-a.png') });

    // A reload reads the chat back from the server.
    await b.reload();
    await b.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    for (const text of ['The spec:', 'Got it, thanks', 'Can you hear me?'])
      await chatLog(b).getByText(text, { exact: false }).waitFor();
    await say(b, 'Back after a reload');
    await chatLog(a).getByText('Back after a reload').waitFor();
    await b.screenshot({ path: artifact('room-chat-b.png') });

    // The replay shows the conversation beside the board.
    await b.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    const replayChat = b.getByRole('region', { name: 'Chat' });
    await replayChat.getByText('Back after a reload').waitFor();
    await replayChat.getByRole('link', { name: 'https://example.com/spec' }).waitFor();
    await b.screenshot({ path: artifact('replay-chat.png'), fullPage: true });
  });
});
