import { useEffect, useId, useRef, useState } from 'react';
import { ROOM_LIMITS } from '@mockboard/contracts';
import { CharacterCount } from '../components/CharacterCount';
import { useLeaveWarning } from '../hooks/useLeaveWarning';
import type { WatchStoredNotes } from './stored-notes';

const SAVE_AFTER_MS = 800;

type SaveState =
  /** `elsewhere`: saved, and replaced by what another of this person's tabs stored. */
  { kind: 'saved' | 'elsewhere' | 'editing' | 'saving' } | { kind: 'failed'; message: string };

interface InterviewerNotesProps {
  round: number;
  initialText: string;
  /** Resolves with the text stored: this one or a newer one that replaced it on the way. */
  save: (round: number, text: string) => Promise<string>;
  /**
   * The round's notes as stored: at once, then at each newer revision (a re-join, a save of this
   * tab's, or one from another of this person's tabs).
   */
  watchStored?: WatchStoredNotes;
}

/**
 * The interviewer's private notes for this round, saved as they type (after a short pause, on
 * leaving the field, and when the room closes). Only the round's interviewer ever sees them.
 */
export function InterviewerNotes({ round, initialText, save, watchStored }: InterviewerNotesProps) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(initialText);
  /** The text the server last confirmed: closing the tab asks first while the latest differs. */
  const saved = useRef(initialText);
  const savesInFlight = useRef(0);
  const saveRef = useRef(save);
  useLeaveWarning(() => latest.current !== saved.current);

  useEffect(() => {
    saveRef.current = save;
  });

  function saveNow(value: string) {
    clearTimeout(timer.current);
    timer.current = undefined;
    setState({ kind: 'saving' });
    savesInFlight.current += 1;
    saveRef
      .current(round, value)
      .finally(() => {
        savesInFlight.current -= 1;
      })
      .then(
        (stored) => {
          saved.current = stored;
          if (latest.current === stored) setState({ kind: 'saved' });
        },
        (error: Error) => latest.current === value && setState({ kind: 'failed', message: error.message }),
      );
  }

  // Notes stored from another tab replace what this one shows, unless it has edits of its own not
  // stored yet: its save replaces them in turn, and the other tab shows that. Otherwise this tab's
  // next keystroke would save the older text it shows over the other tab's.
  useEffect(
    () =>
      watchStored?.(round, (stored) => {
        const editing = timer.current !== undefined || savesInFlight.current > 0;
        if (editing || latest.current !== saved.current || stored === latest.current) return;
        latest.current = saved.current = stored;
        setText(stored);
        setState({ kind: 'elsewhere' });
      }),
    [watchStored, round],
  );

  // Leaving the room with a save still waiting: send it now (nobody is left to show the result).
  useEffect(
    () => () => {
      if (timer.current === undefined) return;
      clearTimeout(timer.current);
      saveRef.current(round, latest.current).catch(() => undefined);
    },
    [round],
  );

  return (
    <section className="room-notes" aria-labelledby={`${id}-title`}>
      <div className="room-notes__header">
        <h2 id={`${id}-title`} className="room-panel__heading">
          Your private notes
        </h2>
        <span className={`room-notes__state room-notes__state--${state.kind}`} role="status">
          {state.kind === 'saved' && 'Saved'}
          {state.kind === 'elsewhere' && 'Saved from your other tab'}
          {state.kind === 'editing' && 'Not saved yet'}
          {state.kind === 'saving' && 'Saving…'}
          {state.kind === 'failed' && `Not saved: ${state.message}`}
        </span>
      </div>
      <p className="room-notes__hint" id={`${id}-hint`}>
        Only you see these. They help you score round {round} afterwards.
      </p>
      <textarea
        id={id}
        className="room-notes__text"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-hint`}
        value={text}
        maxLength={ROOM_LIMITS.maxNotesChars}
        rows={8}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          latest.current = value;
          setState({ kind: 'editing' });
          clearTimeout(timer.current);
          timer.current = setTimeout(() => saveNow(value), SAVE_AFTER_MS);
        }}
        onBlur={() => timer.current !== undefined && saveNow(latest.current)}
      />
      <CharacterCount length={text.length} max={ROOM_LIMITS.maxNotesChars} />
    </section>
  );
}
