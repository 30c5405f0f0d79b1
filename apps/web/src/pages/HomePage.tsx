import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { HOME_EXAMPLE_PROMPTS } from '../home/example-prompts';
import { WelcomeBack } from '../home/WelcomeBack';

const [EASIEST, HARDEST] = HOME_EXAMPLE_PROMPTS;
const promptLink = (prompt: (typeof HOME_EXAMPLE_PROMPTS)[number]) => (
  <Link to={`/prompts/${prompt.id}`}>{prompt.shortName}</Link>
);

const STEPS: { title: string; text: ReactNode }[] = [
  {
    title: 'Pick a prompt',
    text: (
      <>
        From {promptLink(EASIEST)} to {promptLink(HARDEST)}, each with a time plan per phase.
      </>
    ),
  },
  { title: 'Design it together', text: 'One of you interviews, the other designs on a shared whiteboard.' },
  {
    title: 'Score each other',
    text: 'Rate the session against an anchored rubric and see where to improve.',
  },
];

export function HomePage() {
  useDocumentTitle(undefined);
  const { state, user } = useAuth();
  // Not the pitch first and then, a moment later, someone's own page.
  if (state.status === 'loading') return <LoadingState label="Loading…" />;
  if (user) return <WelcomeBack user={user} />;

  return (
    <div className="home">
      <section className="hero">
        <div className="container hero__inner">
          <p className="hero__eyebrow">Open-source interview practice</p>
          <h1 className="hero__title">Practise system-design interviews with a peer.</h1>
          <p className="hero__lead">
            Book a session, whiteboard the design together, and score each other against one shared rubric.
          </p>
          <div className="hero__actions">
            <Link to="/signup" className="button button--large">
              Get started
            </Link>
            <Link to="/prompts" className="button button--secondary button--large">
              Browse prompts
            </Link>
          </div>
        </div>
      </section>

      <section className="container steps" aria-labelledby="how-it-works">
        <h2 id="how-it-works" className="steps__title">
          How it works
        </h2>
        <ol className="steps__list">
          {STEPS.map((step, index) => (
            <li key={step.title} className="step">
              <span className="step__number" aria-hidden="true">
                {index + 1}
              </span>
              <h3 className="step__title">{step.title}</h3>
              <p className="step__text">{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
