import type { CollabSocket } from './transport';
import { SessionCommands } from './session-commands';

const RATE_LIMITED = { ok: false, error: { code: 'rate_limited', message: 'Slow down' } };
const SAVED = { ok: true, revision: 4 };

/** Commands over a pretend connection that answers each emit with the next of `answers`. */
function commandsAnswering(answers: unknown[], whenJoined: () => Promise<void> = async () => undefined) {
  const emitted: unknown[] = [];
  const socket = {
    timeout: () => ({
      emitWithAck: async (_event: string, payload: unknown) => {
        emitted.push(payload);
        return answers.shift();
      },
    }),
  } as unknown as CollabSocket;
  let answered = 0;
  const stored: unknown[] = [];
  const commands = new SessionCommands({
    socket,
    sessionId: 'session-1',
    whenJoined,
    answered: () => (answered += 1),
    notesStored: (round, notes) => stored.push({ round, ...notes }),
  });
  return { commands, emitted, stored, answeredCount: () => answered };
}

describe('SessionCommands in flight (what a client closing when idle waits for)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('counts a command from its call, while it still waits for the join', async () => {
    let join!: () => void;
    const joined = new Promise<void>((resolve) => (join = resolve));
    const { commands, emitted, stored } = commandsAnswering([SAVED], () => joined);
    const save = commands.saveNotes(1, 'Asked about the read/write ratio.');
    expect(commands.inFlight).toBeGreaterThan(0);
    expect(emitted).toEqual([]);
    join();
    await save;
    expect(commands.inFlight).toBe(0);
    expect(stored).toEqual([{ round: 1, text: 'Asked about the read/write ratio.', revision: 4 }]);
  });

  it('keeps a rate-limited notes save in flight through its pause, until the retry is answered', async () => {
    const { commands, emitted, answeredCount } = commandsAnswering([RATE_LIMITED, SAVED]);
    const save = commands.saveNotes(1, 'Asked about the read/write ratio.');
    await jest.advanceTimersByTimeAsync(0);
    // Refused once and told so, yet still in flight while it waits to try again.
    expect(emitted).toHaveLength(1);
    expect(answeredCount()).toBeGreaterThan(0);
    expect(commands.inFlight).toBeGreaterThan(0);
    await jest.advanceTimersByTimeAsync(1_000);
    await save;
    expect(emitted).toHaveLength(2);
    expect(commands.inFlight).toBe(0);
  });
});
