import { ChatSendRequestSchema, type ChatMessage } from '@mockboard/contracts';
import { lastStoredId, newMessageId, withSending, withStatus, withStored, type ChatEntry } from './chat-log';

const SESSION = '00000000-0000-4000-8000-000000000001';
const ADA = '00000000-0000-4000-8000-00000000000a';
const BEN = '00000000-0000-4000-8000-00000000000b';

function aMessage(id: string, authorId: string, text: string, sentAt: string): ChatMessage {
  return {
    id,
    sessionId: SESSION,
    authorId,
    authorName: authorId === ADA ? 'Ada' : 'Ben',
    text,
    round: 1,
    sentAt,
  };
}
const ids = (entries: readonly ChatEntry[]) => entries.map((entry) => `${entry.text}:${entry.status}`);

/** How a tab's chat log merges what it sends with what the server stored. */
describe('a tab’s chat log', () => {
  const first = aMessage(newMessageId(), BEN, 'hello', '2030-01-07T10:00:01.000Z');
  const second = aMessage(newMessageId(), BEN, 'still there?', '2030-01-07T10:00:05.000Z');

  it('shows a message at once as sending, and as sent in stored order once acked', () => {
    const mine = { id: newMessageId(), authorId: ADA, authorName: 'Ada', text: 'hi Ben' };
    let log = withSending(withStored([], [first]), mine);
    log = withStored(log, [second]);
    expect(ids(log)).toEqual(['hello:sent', 'still there?:sent', 'hi Ben:sending']);

    log = withStored(log, [aMessage(mine.id, ADA, 'hi Ben', '2030-01-07T10:00:03.000Z')]);
    expect(ids(log)).toEqual(['hello:sent', 'hi Ben:sent', 'still there?:sent']);
    expect(lastStoredId(log)).toBe(second.id);
  });

  it('holds a message heard twice (broadcast, then history) once', () => {
    const log = withStored(withStored([], [first, second]), [second]);
    expect(ids(log)).toEqual(['hello:sent', 'still there?:sent']);
  });

  it('marks a refused message failed with why, and sending again on retry; never a stored one', () => {
    const draft = { id: newMessageId(), authorId: ADA, authorName: 'Ada', text: 'too fast' };
    let log = withSending(withStored([], [first]), draft);
    log = withStatus(log, draft.id, 'failed', 'Slow down');
    expect(log.at(-1)).toMatchObject({ status: 'failed', error: 'Slow down' });
    expect(lastStoredId(log)).toBe(first.id);
    log = withStatus(log, draft.id, 'sending');
    expect(log.at(-1)).toMatchObject({ status: 'sending', error: undefined });
    expect(withStatus(log, first.id, 'failed', 'no')[0]).toMatchObject({ status: 'sent' });
  });

  it('asks for everything when it holds no stored message', () => {
    expect(lastStoredId([])).toBeUndefined();
  });

  it('chooses ids the server accepts, a new one each time', () => {
    const chosen = Array.from({ length: 50 }, newMessageId);
    expect(new Set(chosen).size).toBe(50);
    for (const id of chosen)
      expect(ChatSendRequestSchema.safeParse({ sessionId: SESSION, id, text: 'x' }).success).toBe(true);
  });
});
