import { SESSION_STATUSES, type SessionStatus } from '@mockboard/contracts';
import {
  SESSION_ACTIVITIES,
  canMoveSession,
  sessionAllows,
  sessionAllowsSql,
  sessionHasBegun,
  sessionMove,
  statusesMovingTo,
} from './session-lifecycle';

const allowing = (activity: Parameters<typeof sessionAllows>[1]): SessionStatus[] =>
  SESSION_STATUSES.filter((status) => sessionAllows(status, activity));

describe('the session lifecycle', () => {
  it('opens the room only before the interview has ended', () => {
    expect(allowing('use_room')).toEqual(['scheduled', 'live']);
  });

  it('keeps notes open through scoring and final once the session is settled', () => {
    expect(allowing('write_notes')).toEqual(['scheduled', 'live', 'scoring']);
  });

  it('changes a booking only before the session has begun', () => {
    expect(allowing('change_booking')).toEqual(['scheduled']);
  });

  it('counts a session as completed once its interview was held and ended, scored or not', () => {
    expect(allowing('count_as_completed')).toEqual(['scoring', 'completed']);
  });

  it('scores a round once the interview has begun', () => {
    expect(allowing('score')).toEqual(['live', 'scoring', 'completed']);
  });

  it('takes feedback for any session that took place or may still, never a cancelled one or a no-show', () => {
    expect(allowing('take_feedback')).toEqual(['scheduled', 'live', 'scoring', 'completed']);
  });

  it('takes a report on anything but a cancelled session', () => {
    expect(allowing('report')).toEqual(['scheduled', 'live', 'scoring', 'completed', 'no_show']);
  });

  it('reminds only of a session that has not begun', () => {
    expect(allowing('remind')).toEqual(['scheduled']);
  });

  it('lets a booking stand (prompts asked, recent partners, replay, calendar, contacts) unless it was cancelled', () => {
    expect(allowing('stand_as_booked')).toEqual(['scheduled', 'live', 'scoring', 'completed', 'no_show']);
  });

  it('closes by the clock only a session still open, by a move the lifecycle allows', () => {
    expect(allowing('close_by_clock')).toEqual(['scheduled', 'live']);
    for (const status of allowing('close_by_clock')) expect(canMoveSession(status, 'completed')).toBe(true);
  });

  it('opens the reference design to both participants once the interview has ended', () => {
    expect(allowing('compare_with_reference')).toEqual(['scoring', 'completed']);
  });

  it('allows nothing to a status it does not know', () => {
    for (const activity of SESSION_ACTIVITIES) expect(sessionAllows('archived', activity)).toBe(false);
  });

  describe('whether a session has begun', () => {
    const startsAt = new Date('2026-03-02T10:00:00Z');
    const before = new Date('2026-03-02T09:59:59Z');

    it('waits for the start time while the session is only scheduled', () => {
      expect(sessionHasBegun({ status: 'scheduled', startsAt }, before)).toBe(false);
      expect(sessionHasBegun({ status: 'scheduled', startsAt }, startsAt)).toBe(true);
      expect(sessionHasBegun({ status: 'scheduled', startsAt: startsAt.toISOString() }, before)).toBe(false);
      expect(sessionHasBegun({ status: 'scheduled', startsAt: startsAt.toISOString() }, startsAt)).toBe(true);
    });

    it('has begun by its status once it left scheduled, even before the start time (an early start or end)', () => {
      for (const status of ['live', 'scoring', 'completed', 'no_show'] as const) {
        expect(sessionHasBegun({ status, startsAt }, before)).toBe(true);
        expect(sessionHasBegun({ status, startsAt: null }, before)).toBe(true);
      }
    });

    it('never began once cancelled, and not while its start time is unknown', () => {
      expect(sessionHasBegun({ status: 'cancelled', startsAt }, new Date('2026-03-03T00:00:00Z'))).toBe(
        false,
      );
      expect(sessionHasBegun({ status: 'scheduled', startsAt: null }, new Date('2026-03-03T00:00:00Z'))).toBe(
        false,
      );
    });
  });

  it('moves forward only, and never out of a settled state', () => {
    expect(canMoveSession('scheduled', 'live')).toBe(true);
    expect(canMoveSession('live', 'scoring')).toBe(true);
    expect(canMoveSession('scoring', 'completed')).toBe(true);
    expect(canMoveSession('live', 'scheduled')).toBe(false);
    expect(canMoveSession('live', 'cancelled')).toBe(false);
    expect(canMoveSession('scoring', 'live')).toBe(false);
    expect(statusesMovingTo('live')).toEqual(['scheduled']);
    expect(statusesMovingTo('no_show')).toEqual(['scheduled', 'live']);
    expect(statusesMovingTo('cancelled')).toEqual(['scheduled']);
    expect(statusesMovingTo('completed')).toEqual(['scheduled', 'live', 'scoring']);
    for (const settled of ['completed', 'cancelled', 'no_show'] as const) {
      for (const to of SESSION_STATUSES) expect(canMoveSession(settled, to)).toBe(false);
    }
  });

  it('names a move only if the lifecycle allows it', () => {
    expect(sessionMove('scoring', 'completed')).toEqual({ from: 'scoring', to: 'completed' });
    expect(() => sessionMove('completed', 'scoring')).toThrow(
      'A session cannot move from completed to scoring',
    );
  });

  it('reaches every state from scheduled', () => {
    const reached = new Set<SessionStatus>(['scheduled']);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...reached]) {
        for (const to of SESSION_STATUSES.filter((next) => canMoveSession(from, next))) {
          if (!reached.has(to)) {
            reached.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...SESSION_STATUSES].sort());
  });

  it('writes the same rules for SQL', () => {
    expect(sessionAllowsSql('s', 'use_room')).toBe(`s.status IN ('scheduled', 'live')`);
    expect(sessionAllowsSql('s', 'count_as_completed')).toBe(`s.status IN ('scoring', 'completed')`);
    expect(sessionAllowsSql('sessions', 'change_booking')).toBe(`sessions.status IN ('scheduled')`);
  });
});
