import type { ReactNode } from 'react';
import type { PromptDetail } from '@mockboard/contracts';
import { InterviewerGuide } from '../components/InterviewerGuide';
import { Markdown } from '../components/Markdown';

interface PromptPanelProps {
  id: string;
  hidden: boolean;
  prompt: PromptDetail | null;
  /** The interviewer's notes, between the statement and the guide. */
  notes?: ReactNode;
  /** The hints revealed to the candidate, above the statement, where a new one is seen. */
  revealedHints?: ReactNode;
  /** The interviewer's staged hints to reveal, after the notes. */
  hintGuide?: ReactNode;
  /** The round's reference design, inside the guide (the guide reaches the interviewer only). */
  referenceDesign?: ReactNode;
  /** For the round's interviewer while no prompt is chosen: a way to choose one here. */
  promptPicker?: ReactNode;
  /** What is said, without a picker, when the round has no prompt (it depends on who reads it). */
  noPromptNote: string;
  /** The room's chat, docked below the prompt (it stays in view while the prompt scrolls). */
  chat?: ReactNode;
  onHide: () => void;
}

/**
 * The side panel: the prompt as this role may see it. The candidate gets the problem statement;
 * the interviewer also the guide and the rubric signals (the server decides which view is sent).
 */
export function PromptPanel({
  id,
  hidden,
  prompt,
  notes,
  revealedHints,
  hintGuide,
  referenceDesign,
  promptPicker,
  noPromptNote,
  chat,
  onHide,
}: PromptPanelProps) {
  return (
    <aside id={id} className="room-panel" aria-label="Prompt, notes and chat" hidden={hidden}>
      <div className="room-panel__bar">
        <span className="room-panel__label">Prompt</span>
        <button type="button" className="button button--ghost button--small" onClick={onHide}>
          Hide panel
        </button>
      </div>
      <div className="room-panel__body">
        {revealedHints}
        {prompt ? (
          <section className="room-panel__section" aria-labelledby={`${id}-title`}>
            <h2 id={`${id}-title`} className="room-panel__title">
              {prompt.title}
            </h2>
            <Markdown sectionLevel={2}>{prompt.problemStatement}</Markdown>
          </section>
        ) : promptPicker ? (
          <section className="room-panel__section" aria-labelledby={`${id}-choose`}>
            <h2 id={`${id}-choose`} className="room-panel__title">
              No prompt yet
            </h2>
            <p className="room-panel__empty">
              Pick one for your candidate from the library, or let it surprise you both.
            </p>
            {promptPicker}
          </section>
        ) : (
          <p className="room-panel__empty">{noPromptNote}</p>
        )}
        {notes}
        {hintGuide}
        {prompt?.guide && (
          <InterviewerGuide guide={prompt.guide} referenceDesign={referenceDesign} listHints={false} />
        )}
      </div>
      {chat}
    </aside>
  );
}
