import { ROADMAP_PHASE_TITLES, type PromptSummary } from '@mockboard/contracts';
import { Link } from 'react-router-dom';
import { DifficultyBadge } from './DifficultyBadge';
import { TagList } from './TagList';

/** One prompt in the library; the title link covers the whole card so the card is one tab stop. */
export function PromptCard({ prompt }: { prompt: PromptSummary }) {
  return (
    <article className="prompt-card">
      <div className="prompt-card__meta">
        <DifficultyBadge difficulty={prompt.difficulty} />
        <span className="prompt-card__minutes">{prompt.totalMinutes} min</span>
      </div>
      <h2 className="prompt-card__title">
        <Link to={`/prompts/${encodeURIComponent(prompt.id)}`} className="prompt-card__link">
          {prompt.title}
        </Link>
      </h2>
      <p className="prompt-card__summary">{prompt.summary}</p>
      <p className="prompt-card__phase">
        Roadmap {prompt.roadmapPhase} · {ROADMAP_PHASE_TITLES[prompt.roadmapPhase]}
      </p>
      <TagList tags={prompt.tags} />
    </article>
  );
}
