import type { User } from '@mockboard/contracts';
import { listSessions } from '../api/sessions';
import { useResource } from '../hooks/useResource';

/**
 * What partners see of the user's record. It comes with every session the user is in, so it is
 * read from their sessions; with none yet there is nothing to show.
 */
export function MyReliability({ user }: { user: User }) {
  const sessions = useResource('sessions', (signal) => listSessions(signal));
  if (sessions.status !== 'success') return null;
  const all = [...sessions.data.upcoming, ...sessions.data.past];
  const reliability = all.flatMap((s) => s.participants).find((p) => p.id === user.id)?.reliability;

  return (
    <section className="panel profile-section" aria-labelledby="reliability-title">
      <h2 id="reliability-title">Your reliability</h2>
      <p className="section-lead">Partners see this beside your name when they book with you.</p>
      {reliability ? (
        <dl className="stats">
          <div>
            <dt>Sessions completed</dt>
            <dd>{reliability.sessionsCompleted}</dd>
          </div>
          <div>
            <dt>Late cancellations</dt>
            <dd>{reliability.lateCancellations}</dd>
          </div>
          <div>
            <dt>No-shows</dt>
            <dd>{reliability.noShows}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">Your record starts with your first session.</p>
      )}
    </section>
  );
}
