import type { ProgressResponse } from '@mockboard/contracts';
import { Link } from 'react-router-dom';

type Prompt = ProgressResponse['promptsDone'][number];

/** The prompts practised so far, and the ones still ahead, each linking to the prompt. */
export function PromptCoverage({ done, notDone }: { done: readonly Prompt[]; notDone: readonly Prompt[] }) {
  return (
    <div className="prompt-coverage">
      <PromptList title={`Done (${done.length})`} prompts={done} empty="None yet." done />
      <PromptList title={`Not yet (${notDone.length})`} prompts={notDone} empty="You have done them all." />
    </div>
  );
}

function PromptList({
  title,
  prompts,
  empty,
  done,
}: {
  title: string;
  prompts: readonly Prompt[];
  empty: string;
  done?: boolean;
}) {
  return (
    <div>
      <h3 className="prompt-coverage__title">{title}</h3>
      {prompts.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className={`prompt-chips${done ? ' prompt-chips--done' : ''}`}>
          {prompts.map((prompt) => (
            <li key={prompt.id}>
              <Link to={`/prompts/${encodeURIComponent(prompt.id)}`} className="prompt-chip">
                {done && <span className="prompt-chip__check" aria-hidden="true" />}
                {prompt.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
