import { ROADMAP_PHASE_TITLES, type PromptSummary } from '@mockboard/contracts';
import { DifficultyBadge } from './DifficultyBadge';

/** Difficulty, length and roadmap phase in one line, as shown above a prompt's title. */
export function PromptMeta({ prompt }: { prompt: PromptSummary }) {
  return (
    <p className="prompt-meta">
      <DifficultyBadge difficulty={prompt.difficulty} />
      <span className="prompt-meta__sep" aria-hidden="true">
        ·
      </span>
      <span>{prompt.totalMinutes} minutes</span>
      <span className="prompt-meta__sep" aria-hidden="true">
        ·
      </span>
      <span>
        Roadmap {prompt.roadmapPhase}: {ROADMAP_PHASE_TITLES[prompt.roadmapPhase]}
      </span>
    </p>
  );
}
