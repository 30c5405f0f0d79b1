import type { Partner } from '@mockboard/contracts';
import { Avatar } from './Avatar';
import { TARGET_LEVEL_LABELS } from './labels';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * "4 sessions completed · 1 late cancellation · 0 no-shows": what partners learn of each other.
 * The short form fits a week-view column: "4 done · 1 late cancel · 0 no-shows".
 */
export function reliabilityText(
  { sessionsCompleted, lateCancellations, noShows }: Partner['reliability'],
  short = false,
): string {
  return [
    short
      ? `${sessionsCompleted} done`
      : plural(sessionsCompleted, 'session completed', 'sessions completed'),
    short
      ? plural(lateCancellations, 'late cancel', 'late cancels')
      : plural(lateCancellations, 'late cancellation', 'late cancellations'),
    plural(noShows, 'no-show', 'no-shows'),
  ].join(' · ');
}

/** A partner's name, target level and reliability; never their email (see contact sharing). */
export function PartnerSummary({ partner, compact }: { partner: Partner; compact?: boolean }) {
  return (
    <div className={`partner${compact ? ' partner--compact' : ''}`}>
      <Avatar name={partner.displayName} />
      <div className="partner__text">
        <p className="partner__name">
          {partner.displayName}
          <span className="level-badge">{TARGET_LEVEL_LABELS[partner.targetLevel]}</span>
        </p>
        <p className="partner__reliability">
          <span className="visually-hidden">Reliability: </span>
          {reliabilityText(partner.reliability, compact)}
        </p>
      </div>
    </div>
  );
}
