import { SESSION_STATUSES } from '@mockboard/contracts';
import { completedSessionSql, isCompletedSession } from './completed-session';

describe('isCompletedSession', () => {
  it('counts a session once its interview was held and ended, scored or not', () => {
    expect(SESSION_STATUSES.filter(isCompletedSession)).toEqual(['scoring', 'completed']);
  });

  it('writes the same rule for SQL', () => {
    expect(completedSessionSql('s')).toBe(`s.status IN ('scoring', 'completed')`);
  });
});
