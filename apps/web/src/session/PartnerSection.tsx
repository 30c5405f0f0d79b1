import type { Participant } from '@mockboard/contracts';
import { PartnerSummary } from '../components/PartnerSummary';

/** Who the partner is and how reliable they have been; their email only once both shared. */
export function PartnerSection({ partner }: { partner: Participant }) {
  return (
    <section className="session-section" aria-labelledby="partner-title">
      <h2 id="partner-title">Your partner</h2>
      <PartnerSummary partner={partner} />
      {partner.email && (
        <p className="session-section__note">
          Email: <a href={`mailto:${partner.email}`}>{partner.email}</a>
        </p>
      )}
    </section>
  );
}
