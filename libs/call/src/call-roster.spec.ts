import type { CallPeerEvent } from '@mockboard/contracts';
import { CallRoster, isPolite } from './call-roster';

const ME = {
  userId: '00000000-0000-4000-8000-00000000000a',
  endpointId: '50000000-0000-4000-8000-000000000000',
};
const PARTNER = '00000000-0000-4000-8000-00000000000b';
/** Endpoint ids on either side of mine: the smaller one is polite. */
const SMALLER = '10000000-0000-4000-8000-000000000000';
const LARGER = '90000000-0000-4000-8000-000000000000';
const LARGER_2 = 'a0000000-0000-4000-8000-000000000000';
const MY_OTHER_TAB = 'c0000000-0000-4000-8000-000000000000';
const SESSION = 'e0000000-0000-4000-8000-000000000000';
const SPEAKING = { audio: true, video: false };

const aPeer = (endpointId: string, userId = PARTNER) => ({ endpointId, userId, media: SPEAKING });
const heard = (endpointId: string, state: CallPeerEvent['state'], userId = PARTNER): CallPeerEvent => ({
  sessionId: SESSION,
  endpointId,
  userId,
  state,
  media: SPEAKING,
});
const nothingIsUp = () => false;

describe('who offers', () => {
  it('makes the smaller endpoint id polite, and exactly one side of every pair', () => {
    expect(isPolite(SMALLER, LARGER)).toBe(true);
    expect(isPolite(LARGER, SMALLER)).toBe(false);
    expect(isPolite(SMALLER, LARGER) !== isPolite(LARGER, SMALLER)).toBe(true);
  });
});

describe('the call’s roster', () => {
  it('offers to a partner with a larger id and waits for the offer of one with a smaller id', () => {
    expect(new CallRoster(ME).joined([aPeer(LARGER)], nothingIsUp)).toEqual([
      { kind: 'connect', endpointId: LARGER, offer: false },
    ]);
    expect(new CallRoster(ME).heard(heard(SMALLER, 'joined'))).toEqual([
      { kind: 'connect', endpointId: SMALLER, offer: true },
    ]);
  });

  it('repairs a known endpoint that comes back (a re-join after a reconnect) rather than connecting again', () => {
    const roster = new CallRoster(ME);
    roster.joined([aPeer(LARGER)], nothingIsUp);
    expect(roster.heard(heard(LARGER, 'disconnected'))).toEqual([]);
    expect(roster.get(LARGER)?.online).toBe(false);
    expect(roster.heard(heard(LARGER, 'joined'))).toEqual([{ kind: 'repair', endpointId: LARGER }]);
    expect(roster.get(LARGER)?.online).toBe(true);
  });

  it('replaces a partner’s old endpoint with the new one after their reload', () => {
    const roster = new CallRoster(ME);
    roster.heard(heard(SMALLER, 'joined'));
    expect(roster.heard(heard(LARGER_2, 'joined'))).toEqual([
      { kind: 'close', endpointId: SMALLER },
      { kind: 'connect', endpointId: LARGER_2, offer: false },
    ]);
    expect(roster.list().map((peer) => peer.endpointId)).toEqual([LARGER_2]);
  });

  it('steps back when another tab of mine joins, and ignores news of its own endpoint', () => {
    const roster = new CallRoster(ME);
    expect(roster.heard(heard(MY_OTHER_TAB, 'joined', ME.userId))).toEqual([{ kind: 'step-back' }]);
    expect(roster.heard(heard(ME.endpointId, 'joined', ME.userId))).toEqual([]);
  });

  it('closes the connection of an endpoint that left', () => {
    const roster = new CallRoster(ME);
    roster.heard(heard(LARGER, 'joined'));
    expect(roster.heard(heard(LARGER, 'left'))).toEqual([{ kind: 'close', endpointId: LARGER }]);
    expect(roster.heard(heard(LARGER, 'left'))).toEqual([]);
    expect(roster.list()).toEqual([]);
  });

  it('after a re-join, keeps a connection that is up to an endpoint missing from the answer and closes one that is down', () => {
    // Both sides change sockets at a round change: the partner may be between two when we ask.
    const roster = new CallRoster(ME);
    roster.heard(heard(LARGER, 'joined'));
    expect(roster.joined([], (endpointId) => endpointId === LARGER)).toEqual([]);
    expect(roster.get(LARGER)?.online).toBe(false);
    expect(roster.joined([], nothingIsUp)).toEqual([{ kind: 'close', endpointId: LARGER }]);
  });

  it('takes an offer from an endpoint it had not heard of, replacing that person’s older endpoint', () => {
    const roster = new CallRoster(ME);
    roster.heard(heard(SMALLER, 'joined'));
    expect(roster.offered(LARGER_2, PARTNER)).toEqual([{ kind: 'close', endpointId: SMALLER }]);
    expect(roster.get(LARGER_2)?.userId).toBe(PARTNER);
    expect(roster.offered(LARGER_2, PARTNER)).toEqual([]);
    // Never a call with myself.
    expect(roster.offered(MY_OTHER_TAB, ME.userId)).toEqual([]);
    expect(roster.get(MY_OTHER_TAB)).toBeUndefined();
  });

  it('keeps a mute heard while its own join was on its way over the older copy in the join’s answer', () => {
    const roster = new CallRoster(ME);
    roster.heard(heard(LARGER, 'joined'));
    const askedAt = roster.clock;
    roster.mediaOf(LARGER, { audio: false, video: false });
    roster.joined([aPeer(LARGER)], nothingIsUp, askedAt);
    expect(roster.get(LARGER)?.media).toEqual({ audio: false, video: false });
    // News from before the join was sent: the answer is newer.
    roster.joined([{ ...aPeer(LARGER), media: { audio: true, video: true } }], nothingIsUp, roster.clock);
    expect(roster.get(LARGER)?.media).toEqual({ audio: true, video: true });
  });

  it('keeps a partner who joined while its own join was on its way, though the answer missed them', () => {
    // Two tabs join at once: each answer may be read before the other tab is in the call.
    const roster = new CallRoster(ME);
    const askedAt = roster.clock;
    expect(roster.heard(heard(LARGER, 'joined'))).toEqual([
      { kind: 'connect', endpointId: LARGER, offer: false },
    ]);
    expect(roster.joined([], nothingIsUp, askedAt)).toEqual([]);
    expect(roster.get(LARGER)?.online).toBe(true);
    // An answer asked for after that news is believed.
    expect(roster.joined([], nothingIsUp, roster.clock)).toEqual([{ kind: 'close', endpointId: LARGER }]);
  });

  it('does not bring back a partner who left while its own join was on its way', () => {
    const roster = new CallRoster(ME);
    roster.heard(heard(LARGER, 'joined'));
    const askedAt = roster.clock;
    roster.heard(heard(LARGER, 'left'));
    expect(roster.joined([aPeer(LARGER)], nothingIsUp, askedAt)).toEqual([]);
    expect(roster.get(LARGER)).toBeUndefined();
    // Once they are back, a later answer listing them connects again.
    expect(roster.joined([aPeer(LARGER)], nothingIsUp, roster.clock)).toEqual([
      { kind: 'connect', endpointId: LARGER, offer: false },
    ]);
  });

  it('keeps a partner’s mute state', () => {
    const roster = new CallRoster(ME);
    roster.heard(heard(LARGER, 'joined'));
    expect(roster.mediaOf(LARGER, { audio: false, video: true })).toBe(true);
    expect(roster.get(LARGER)?.media).toEqual({ audio: false, video: true });
    expect(roster.mediaOf(LARGER_2, { audio: false, video: false })).toBe(false);
  });
});
