import { SESSION_STATUSES, type SessionStatus } from '@mockboard/contracts';
import {
  SESSION_ACTIVITIES,
  canMoveSession,
  isSessionStatus,
  isSettled,
  nextSessionStatuses,
  sessionAllows,
  sessionAllowsSql,
  statusesAllowing,
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

  it('counts a pairing as standing (prompts asked, recent partners) unless it was cancelled', () => {
    expect(allowing('count_as_paired')).toEqual(['scheduled', 'live', 'scoring', 'completed', 'no_show']);
  });

  it('allows nothing to a status it does not know', () => {
    for (const activity of SESSION_ACTIVITIES) expect(sessionAllows('archived', activity)).toBe(false);
    expect(isSessionStatus('archived')).toBe(false);
    expect(isSessionStatus('no_show')).toBe(true);
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
    for (const settled of ['completed', 'cancelled', 'no_show'] as const) {
      expect(isSettled(settled)).toBe(true);
      expect(nextSessionStatuses(settled)).toEqual([]);
    }
    expect(SESSION_STATUSES.filter((status) => !isSettled(status))).toEqual(['scheduled', 'live', 'scoring']);
  });

  it('reaches every state from scheduled', () => {
    const reached = new Set<SessionStatus>(['scheduled']);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...reached]) {
        for (const to of nextSessionStatuses(from)) {
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
    expect(statusesAllowing('change_booking')).toEqual(['scheduled']);
  });
});
