import {
  QUIET,
  SAVED_NOTICE_MS,
  SLOW_SAVE_MS,
  saveNoticeOf,
  stepSaveNotice,
  type SaveNoticeState,
  type SaveObservation,
} from './save-notice';

/** Steps the notice through what the page sees, one observation after another. */
function noticesFor(seen: Array<Partial<SaveObservation> & { now: number }>) {
  let state: SaveNoticeState = QUIET;
  return seen.map((observation) => {
    state = stepSaveNotice(state, { connected: true, pending: 0, unstoredSince: null, ...observation });
    return saveNoticeOf(state);
  });
}

describe('the room bar’s word on edits not stored yet', () => {
  it('says nothing while the server stores edits quickly', () => {
    expect(
      noticesFor([
        { now: 0, pending: 1, unstoredSince: 0 },
        { now: 40 },
        { now: 500, pending: 2, unstoredSince: 450 },
        { now: 1_000 },
      ]),
    ).toEqual([null, null, null, null]);
  });

  it('says "saving" once the oldest edit has waited, and "saved" for a moment when all are stored', () => {
    expect(
      noticesFor([
        { now: 0, pending: 1, unstoredSince: 0 },
        { now: SLOW_SAVE_MS - 1, pending: 1, unstoredSince: 0 },
        { now: SLOW_SAVE_MS, pending: 1, unstoredSince: 0 },
        { now: SLOW_SAVE_MS + 100 },
        { now: SLOW_SAVE_MS + 100 + SAVED_NOTICE_MS - 1 },
        { now: SLOW_SAVE_MS + 100 + SAVED_NOTICE_MS },
      ]),
    ).toEqual([null, null, 'saving', 'saved', 'saved', null]);
  });

  it('keeps saying "saving" while acks come every two seconds or so, instead of flickering', () => {
    // Each answer leaves a younger batch the oldest: by itself not yet slow.
    expect(
      noticesFor([
        { now: 2_000, pending: 3, unstoredSince: 0 },
        { now: 2_100, pending: 2, unstoredSince: 1_000 },
        { now: 3_100, pending: 1, unstoredSince: 2_050 },
        { now: 4_000 },
      ]),
    ).toEqual(['saving', 'saving', 'saving', 'saved']);
  });

  it('stops saying "saved" as soon as new edits are on their way', () => {
    expect(
      noticesFor([
        { now: 2_000, pending: 1, unstoredSince: 0 },
        { now: 2_100 },
        { now: 2_600, pending: 1, unstoredSince: 2_550 },
        { now: 4_600, pending: 1, unstoredSince: 2_550 },
      ]),
    ).toEqual(['saving', 'saved', null, 'saving']);
  });

  it('says nothing of saving while disconnected (the bar counts what waits to be sent)', () => {
    expect(
      noticesFor([
        { now: 2_000, pending: 1, unstoredSince: 0 },
        { now: 2_500, pending: 1, connected: false },
        { now: 3_000, pending: 1, unstoredSince: 2_900 },
      ]),
    ).toEqual(['saving', null, null]);
  });

  it('keeps its state when nothing changes, so a render does not loop', () => {
    const holding = stepSaveNotice(QUIET, { connected: true, pending: 1, unstoredSince: 0, now: 5_000 });
    expect(stepSaveNotice(holding, { connected: true, pending: 1, unstoredSince: 4_900, now: 5_100 })).toBe(
      holding,
    );
    expect(stepSaveNotice(QUIET, { connected: false, pending: 0, unstoredSince: null, now: 0 })).toBe(QUIET);
  });
});
