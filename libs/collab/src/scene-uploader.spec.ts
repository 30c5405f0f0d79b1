import type { SceneElement } from '@mockboard/contracts';
import { aRectangle } from '../../contracts/src/test-elements';
import { SceneOutbox } from './scene-outbox';
import { MAX_UNANSWERED_BATCHES, SceneUploader } from './scene-uploader';

type Answer = (timeout: Error | null, raw: unknown) => void;

/** A link to a pretend server: every batch sent waits here until the test answers it. */
function aLink() {
  const link = {
    /** The connection now: a test bumps it as a reconnect would. */
    current: 1,
    sent: [] as { batch: SceneElement[]; answer: Answer }[],
    state: () => ({ joined: true, closed: false }),
    connection: () => link.current,
    send: (batch: SceneElement[], answer: Answer) => void link.sent.push({ batch, answer }),
    changed: () => undefined,
    refused: () => undefined,
  };
  return link;
}

const STORED = { ok: true, version: 1 };

describe('SceneUploader', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function anUploader() {
    const outbox = new SceneOutbox();
    const link = aLink();
    const uploader = new SceneUploader(outbox, link);
    /** A new edit, sent at the uploader's next turn (at once, unless one went less than 50 ms ago). */
    const edit = () => {
      outbox.queue(aRectangle());
      uploader.schedule();
      jest.advanceTimersByTime(50);
    };
    return { outbox, link, uploader, edit };
  }

  it(`keeps at most ${MAX_UNANSWERED_BATCHES} batches unanswered, and sends the next as one is answered`, () => {
    const { link, outbox, edit } = anUploader();
    for (let i = 0; i < MAX_UNANSWERED_BATCHES + 2; i++) edit();
    expect(link.sent).toHaveLength(MAX_UNANSWERED_BATCHES);
    expect(outbox.hasUnsent).toBe(true);

    link.sent[0]!.answer(null, STORED);
    jest.advanceTimersByTime(50);
    // The two edits that waited go together.
    expect(link.sent).toHaveLength(MAX_UNANSWERED_BATCHES + 1);
    expect(link.sent.at(-1)!.batch).toHaveLength(2);
  });

  it('tells since when its oldest unanswered batch has waited', () => {
    const { link, uploader, edit } = anUploader();
    expect(uploader.oldestUnansweredAt()).toBeNull();
    const first = Date.now();
    edit();
    jest.advanceTimersByTime(1_000);
    edit();
    expect(uploader.oldestUnansweredAt()).toBe(first);

    link.sent[0]!.answer(null, STORED);
    expect(uploader.oldestUnansweredAt()).toBe(first + 1_050);
    // A batch that timed out is no longer waited for (it goes again a little later).
    link.sent[1]!.answer(new Error('timeout'), undefined);
    expect(uploader.oldestUnansweredAt()).toBeNull();
  });

  it('waits on a new connection for nothing its predecessor sent', () => {
    const { link, uploader, edit } = anUploader();
    edit();
    link.current = 2;
    expect(uploader.oldestUnansweredAt()).toBeNull();
    const onNewConnection = Date.now();
    edit();
    link.sent[0]!.answer(null, STORED);
    expect(uploader.oldestUnansweredAt()).toBe(onNewConnection);
  });

  it('counts a late answer from an earlier connection against nothing on the new one', () => {
    const { link, edit } = anUploader();
    for (let i = 0; i < MAX_UNANSWERED_BATCHES; i++) edit();
    link.current = 2;
    for (let i = 0; i < MAX_UNANSWERED_BATCHES; i++) edit();
    expect(link.sent).toHaveLength(2 * MAX_UNANSWERED_BATCHES);
    // Answers to the first connection's batches free no place on the second.
    for (const { answer } of link.sent.slice(0, MAX_UNANSWERED_BATCHES)) answer(null, STORED);
    edit();
    expect(link.sent).toHaveLength(2 * MAX_UNANSWERED_BATCHES);
  });
});
