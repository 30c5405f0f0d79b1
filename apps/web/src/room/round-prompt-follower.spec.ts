import type { JoinAck, PromptDetail } from '@mockboard/contracts';
import { RoundPromptFollower } from './round-prompt-follower';

const SESSION = '00000000-0000-4000-8000-000000000001';
const aPrompt = (id: string) => ({ id, title: `Design ${id}` }) as unknown as PromptDetail;
const anAck = (round: number, prompt: PromptDetail | null) => ({ round, prompt }) as unknown as JoinAck;
const chosen = (round: number, promptId: string) => ({ sessionId: SESSION, round, promptId });

type Fetch = { round: number; answer: (prompt: PromptDetail | null) => void; fail: () => void };

/** A follower whose fetches, and pauses before retries, wait until the test lets them go. */
function aFollower() {
  const shown: (string | null)[] = [];
  const fetches: Fetch[] = [];
  const pauses: (() => void)[] = [];
  const follower = new RoundPromptFollower(
    (round) =>
      new Promise((answer, reject) => fetches.push({ round, answer, fail: () => reject(new Error('down')) })),
    (prompt) => shown.push(prompt?.id ?? null),
    () => new Promise<void>((resolve) => pauses.push(resolve)),
  );
  return { follower, shown, fetches, pauses };
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

  it('asks after news heard before the first answer, which may have been read before the choice', () => {
    const { follower, fetches } = aFollower();
    follower.heard(chosen(2, 'youtube'));
    follower.heard(chosen(1, 'chat-app'));
    follower.joined(anAck(1, null));
    expect(fetches.map((each) => each.round)).toEqual([1]);
  });

  it('asks when a join after a reconnect answers with another prompt than the one shown', async () => {
    const { follower, shown, fetches } = aFollower();
    follower.joined(anAck(1, null));
    follower.rejoined(anAck(1, null));
    expect(fetches).toEqual([]);
    follower.rejoined(anAck(1, aPrompt('chat-app')));
    fetches[0]!.answer(aPrompt('chat-app'));
    await settle();
    expect(shown).toEqual(['chat-app']);
  });

  it('shows only the newest fetch’s answer: changed to Y and back to X, it ends on X', async () => {
    const { follower, shown, fetches } = aFollower();
    follower.joined(anAck(1, aPrompt('x')));
    follower.heard(chosen(1, 'y'));
    // Back to what is shown while the fetch for Y is on its way: asked again, not ignored.
    follower.heard(chosen(1, 'x'));
    expect(fetches).toHaveLength(2);
    fetches[1]!.answer(aPrompt('x'));
    fetches[0]!.answer(aPrompt('y'));
    await settle();
    expect(shown).toEqual([]);
  });

  it('asks again after a reconnect while a fetch was on its way, and takes that newer answer', async () => {
    const { follower, shown, fetches } = aFollower();
    follower.joined(anAck(1, null));
    follower.heard(chosen(1, 'chat-app'));
    // The reconnect's answer was read before a later choice whose news came first.
    follower.rejoined(anAck(1, aPrompt('chat-app')));
    expect(fetches).toHaveLength(2);
    fetches[0]!.answer(aPrompt('chat-app'));
    fetches[1]!.answer(aPrompt('youtube'));
    await settle();
    expect(shown).toEqual(['youtube']);
  });

  it('tries a failed fetch again after a pause', async () => {
    const { follower, shown, fetches, pauses } = aFollower();
    follower.joined(anAck(1, null));
    follower.heard(chosen(1, 'chat-app'));
    fetches[0]!.fail();
    await settle();
    expect(pauses).toHaveLength(1);
    pauses[0]!();
    await settle();
    fetches[1]!.answer(aPrompt('chat-app'));
    await settle();
    expect(shown).toEqual(['chat-app']);
  });
});
