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

/** Reliability means something once there is a session, a late cancel or a no-show behind it. */
export function hasReliabilityHistory({
  sessionsCompleted,
  lateCancellations,
  noShows,
}: Partner['reliability']) {
  return sessionsCompleted + lateCancellations + noShows > 0;
}

/** The level a partner chose, or "New" for one who has not chosen (never a level they did not pick). */
export function levelBadgeText(targetLevel: Partner['targetLevel']): string {
  return targetLevel ? TARGET_LEVEL_LABELS[targetLevel] : 'New';
}

/**
 * A partner's name, target level and reliability (once they have some history: a row of zeros
 * says nothing and reads like a judgement); never their email (see contact sharing).
 */
export function PartnerSummary({ partner, compact }: { partner: Partner; compact?: boolean }) {
  return (
    <div className={`partner${compact ? ' partner--compact' : ''}`}>
      <Avatar name={partner.displayName} />
      <div className="partner__text">
        <p className="partner__name">
          {partner.displayName}
          <span className="level-badge">{levelBadgeText(partner.targetLevel)}</span>
        </p>
        {hasReliabilityHistory(partner.reliability) && (
          <p className="partner__reliability">
            <span className="visually-hidden">Reliability: </span>
            {reliabilityText(partner.reliability, compact)}
          </p>
        )}
      </div>
    </div>
  );
}
