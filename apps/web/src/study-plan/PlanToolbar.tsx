import { STUDY_PLAN_LIMITS, studyPlanProgress, type StudyPlan } from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { STUDY_PLAN_EXPORT_URL, studyPlanApi } from '../api/study-plan';
import { ConfirmDanger } from '../components/ConfirmDanger';

/** "12 of 47 done", with a bar. */
export function PlanProgress({ plan }: { plan: StudyPlan }) {
  const { done, total } = studyPlanProgress(plan);
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="plan-progress">
      <p className="plan-progress__text">
        <strong>{done}</strong> of {total} done
      </p>
      <div
        className="plan-progress__bar"
        role="progressbar"
        aria-label="Study plan progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} done`}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

interface PlanToolbarProps {
  plan: StudyPlan;
  apply: (write: () => Promise<StudyPlan>) => Promise<boolean>;
  pending: boolean;
}

/** What acts on the whole board: add a column, add new prompts, export, reset (after a confirmation). */
export function PlanToolbar({ plan, apply, pending }: PlanToolbarProps) {
  const [addingColumn, setAddingColumn] = useState(false);
  const [columnTitle, setColumnTitle] = useState('');
  const [confirmingReset, setConfirmingReset] = useState(false);
  const full = plan.columns.length >= STUDY_PLAN_LIMITS.columns;

  const addColumn = async (event: FormEvent) => {
    event.preventDefault();
    if (!columnTitle.trim()) return;
    if (await apply(() => studyPlanApi.addColumn(columnTitle))) {
      setColumnTitle('');
      setAddingColumn(false);
    }
  };

  return (
    <div className="plan-toolbar">
      <div className="plan-toolbar__actions">
        {addingColumn ? (
          <form className="plan-toolbar__column-form" onSubmit={addColumn}>
            <label className="visually-hidden" htmlFor="plan-new-column">
              Title of the new column
            </label>
            <input
              id="plan-new-column"
              className="input input--small"
              placeholder="e.g. Weeks 13-14 · Security"
              value={columnTitle}
              maxLength={STUDY_PLAN_LIMITS.columnTitleLength}
              autoFocus
              onChange={(event) => setColumnTitle(event.target.value)}
              onKeyDown={(event) => event.key === 'Escape' && setAddingColumn(false)}
            />
            <button type="submit" className="button button--small" disabled={!columnTitle.trim()}>
              Add column
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setAddingColumn(false)}
            >
              Cancel
            </button>
          </form>
        ) : (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={full}
            title={full ? `A plan holds at most ${STUDY_PLAN_LIMITS.columns} columns` : undefined}
            onClick={() => setAddingColumn(true)}
          >
            Add a column
          </button>
        )}
        {plan.newPromptCount > 0 && (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={pending}
            onClick={() => void apply(studyPlanApi.addNewPrompts)}
          >
            Add {plan.newPromptCount} new {plan.newPromptCount === 1 ? 'prompt' : 'prompts'} from the library
          </button>
        )}
        <a className="button button--secondary button--small" href={STUDY_PLAN_EXPORT_URL} download>
          Export as Markdown
        </a>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => setConfirmingReset(true)}
          disabled={confirmingReset}
        >
          Reset to the default plan
        </button>
      </div>
      {confirmingReset && (
        <ConfirmDanger
          confirmLabel="Reset my plan"
          cancelLabel="Keep my plan"
          pending={pending}
          onConfirm={() => void apply(studyPlanApi.reset).then((ok) => ok && setConfirmingReset(false))}
          onCancel={() => setConfirmingReset(false)}
        >
          <p>
            Replace your board with the default plan from the prompt library? Your own cards, notes and links
            go; prompts you completed in a mock stay done.
          </p>
        </ConfirmDanger>
      )}
    </div>
  );
}
