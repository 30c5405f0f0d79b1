import type { JoinAck, PromptDetail } from '@mockboard/contracts';
import { RoundPromptFollower } from './round-prompt-follower';

const SESSION = '00000000-0000-4000-8000-000000000001';
const aPrompt = (id: string) => ({ id, title: `Design ${id}` }) as unknown as PromptDetail;
const anAck = (round: number, prompt: PromptDetail | null) => ({ round, prompt }) as unknown as JoinAck;
const chosen = (round: number, promptId: string) => ({ sessionId: SESSION, round, promptId });

/** A follower whose fetches wait until the test answers them. */
function aFollower() {
  const shown: (string | null)[] = [];
  const fetches: { round: number; answer: (prompt: PromptDetail | null) => void }[] = [];
  const follower = new RoundPromptFollower(
    (round) => new Promise((answer) => fetches.push({ round, answer })),
    (prompt) => shown.push(prompt?.id ?? null),
  );
  return { follower, shown, fetches };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RoundPromptFollower', () => {
  it('fetches a prompt chosen for its round, and shows it', async () => {
    const { follower, shown, fetches } = aFollower();
    follower.joined(anAck(1, null));
    follower.heard(chosen(1, 'chat-app'));
    expect(fetches.map((each) => each.round)).toEqual([1]);
    fetches[0]!.answer(aPrompt('chat-app'));
    await settle();
    expect(shown).toEqual(['chat-app']);
  });

  it('ignores news of another round, and of the prompt it already shows', () => {
    const { follower, fetches } = aFollower();
    follower.joined(anAck(1, aPrompt('url-shortener')));
    follower.heard(chosen(2, 'chat-app'));
    follower.heard(chosen(1, 'url-shortener'));
    expect(fetches).toEqual([]);
  });

  it('weighs news heard before the first answer against that answer', async () => {
    const early = aFollower();
    early.follower.heard(chosen(1, 'chat-app'));
    early.follower.joined(anAck(1, null));
    expect(early.fetches).toHaveLength(1);

    // The answer was read after the choice: it already shows it.
    const late = aFollower();
    late.follower.heard(chosen(1, 'chat-app'));
    late.follower.joined(anAck(1, aPrompt('chat-app')));
    expect(late.fetches).toEqual([]);
  });

  it('takes a prompt missed while the connection was down from the next join’s answer', () => {
    const { follower, shown } = aFollower();
    follower.joined(anAck(1, null));
    follower.rejoined(anAck(1, aPrompt('chat-app')));
    follower.rejoined(anAck(1, aPrompt('chat-app')));
    expect(shown).toEqual(['chat-app']);
  });

  it('drops a fetch answered after newer news', async () => {
    const { follower, shown, fetches } = aFollower();
    follower.joined(anAck(1, null));
    follower.heard(chosen(1, 'chat-app'));
    // Changed again before the fetch was answered; a re-join brings the newest.
    follower.rejoined(anAck(1, aPrompt('youtube')));
    fetches[0]!.answer(aPrompt('chat-app'));
    await settle();
    expect(shown).toEqual(['youtube']);
  });
});
