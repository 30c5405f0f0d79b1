import type { User } from '@mockboard/contracts';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useRefreshOnNotification } from '../notifications/NotificationsContext';
import { MyMatchRequests } from '../practice/MyMatchRequests';
import { MyOpenSlots } from '../practice/MyOpenSlots';
import { MySessions } from '../practice/MySessions';
import { OfferSlotForm } from '../practice/OfferSlotForm';
import { PractiseNow } from '../practice/PractiseNow';
import { RequestMatchForm } from '../practice/RequestMatchForm';
import { SoloPractice } from '../practice/SoloPractice';
import { WeekView } from '../practice/WeekView';
import { zoneName } from '../time/format';

/** Rendered inside <RequireAuth>, so a user is always present. */
export function PracticePage() {
  useDocumentTitle('Practice');
  const { user } = useAuth();
  if (!user) return null;
  return <Practice key={user.id} user={user} />;
}

function Practice({ user }: { user: User }) {
  const zone = user.timezone;
  // Bumped whenever sessions or slots may have changed: here, or by a partner (a live notification).
  const { version, refresh } = useRefreshOnNotification();

  return (
    <div className="container page">
      <header className="page-header">
        <h1>Practice</h1>
        <p className="page-header__lead">
          Book a peer, offer a time, or start right now. Times are in {zoneName(zone)}; change your zone in
          your <Link to="/profile">profile</Link>.
        </p>
        <nav className="jump-links" aria-label="On this page">
          <a href="#week-title">Book a partner</a>
          <a href="#offer-title">Offer a slot</a>
          <a href="#match-title">Request a match</a>
          <a href="#now-title">Practise now</a>
          <a href="#solo-title">Solo</a>
        </nav>
      </header>

      <MySessions user={user} refreshKey={version} />
      <WeekView zone={zone} refreshKey={version} onBooked={refresh} />

      <div className="practice-columns">
        <section className="panel practice-panel" aria-labelledby="offer-title">
          <h2 id="offer-title">Offer a slot</h2>
          <p className="section-lead">Pick a time you are free; anyone can book it.</p>
          <OfferSlotForm zone={zone} onOffered={refresh} />
          <MyOpenSlots zone={zone} refreshKey={version} />
        </section>
        <section className="panel practice-panel" aria-labelledby="match-title">
          <h2 id="match-title">Request a match</h2>
          <p className="section-lead">We pair you with someone who asked for the same time.</p>
          <RequestMatchForm zone={zone} onRequested={refresh} />
          <MyMatchRequests zone={zone} refreshKey={version} />
        </section>
        <section className="panel practice-panel" aria-labelledby="now-title">
          <h2 id="now-title">Practise now</h2>
          <PractiseNow />
        </section>
        <section className="panel practice-panel" aria-labelledby="solo-title">
          <h2 id="solo-title">Solo practice</h2>
          <SoloPractice />
        </section>
      </div>
    </div>
  );
}
