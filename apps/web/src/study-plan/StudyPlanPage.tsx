import { STUDY_PLAN_LIMITS, studyPlanProgress, type StudyPlan } from '@mockboard/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { STUDY_PLAN_EXPORT_URL, studyPlanApi } from '../api/study-plan';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDanger } from '../components/ConfirmDanger';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import type { DraggedCard } from './card-drop';
import { CardEditor } from './CardEditor';
import { StudyColumnView } from './StudyColumnView';
import { useStudyPlan } from './useStudyPlan';
import '../styles/study-plan.css';

/** Where focus goes after a move re-renders the board: the same control on the moved card. */
interface FocusAfterMove {
  cardId: string;
  control: 'up' | 'down' | 'card';
}

function cardTitleOf(plan: StudyPlan, cardId: string): string {
  return (
    plan.columns.flatMap((column) => column.cards).find((card) => card.id === cardId)?.title ?? 'the card'
  );
}

/** The user's study plan board (issue 17). Rendered inside <RequireAuth>. */
export function StudyPlanPage() {
  useDocumentTitle('Study plan');
  const { user } = useAuth();
  const { resource, plan, apply, pending, error, clearError } = useStudyPlan();
  const [editing, setEditing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const focusAfterMove = useRef<FocusAfterMove | null>(null);
  const drag = useRef<DraggedCard | null>(null);

  useEffect(() => {
    const target = focusAfterMove.current;
    if (!target || !plan) return;
    focusAfterMove.current = null;
    const card = document.getElementById(`plan-card-${target.cardId}`);
    const control = card?.querySelector<HTMLButtonElement>(`[data-focus="${target.control}"]:not(:disabled)`);
    (control ?? card)?.focus();
  }, [plan]);

  const moveCard = async (cardId: string, columnId: string, position: number) => {
    if (!plan) return;
    const from = plan.columns.find((column) => column.cards.some((card) => card.id === cardId));
    const title = cardTitleOf(plan, cardId);
    const within = from?.id === columnId;
    const fromIndex = from?.cards.findIndex((card) => card.id === cardId) ?? 0;
    focusAfterMove.current = { cardId, control: within ? (position < fromIndex ? 'up' : 'down') : 'card' };
    const ok = await apply(() => studyPlanApi.moveCard(cardId, { columnId, position }));
    if (!ok) return;
    const target = plan.columns.find((column) => column.id === columnId);
    setAnnouncement(
      within
        ? `Moved “${title}” to position ${Math.min(position, (target?.cards.length ?? 1) - 1) + 1}.`
        : `Moved “${title}” to “${target?.title ?? 'the column'}”.`,
    );
  };

  if (resource.status === 'loading' && !plan) {
    return (
      <div className="container page">
        <LoadingState label="Loading your study plan…" />
      </div>
    );
  }
  if (resource.status === 'error' && !plan) {
    return (
      <div className="container page">
        <ErrorState
          level={1}
          title="Could not load your study plan"
          error={resource.error}
          onRetry={resource.retry}
        />
      </div>
    );
  }
  if (!plan || !user) return null;

  const columns = plan.columns.map((column) => ({ id: column.id, title: column.title }));
  const editingCard = plan.columns.flatMap((column) => column.cards).find((card) => card.id === editing);

  return (
    <div className="page plan-page">
      <div className="container">
        <header className="page-header plan-page__header">
          <div>
            <h1>Your study plan</h1>
            <p className="page-header__lead">
              The roadmap as a board: topics and prompts by phase, to do, doing or done. A prompt’s card is
              marked done when you complete a mock on it.
            </p>
          </div>
          <PlanProgress plan={plan} />
        </header>
        <PlanToolbar plan={plan} apply={apply} pending={pending} />
        {error && !editingCard && (
          <div className="form-alert plan-page__error" role="alert">
            <span>{error.message}</span>
            <button type="button" className="button button--ghost button--small" onClick={clearError}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {plan.columns.length === 0 ? (
        <div className="container">
          <EmptyState
            title="Your plan has no columns"
            action={
              <button type="button" className="button" onClick={() => void apply(studyPlanApi.reset)}>
                Start from the default plan
              </button>
            }
          >
            <p>Add a column above, or start again from the plan built from the prompt library.</p>
          </EmptyState>
        </div>
      ) : (
        <div className="plan-board" aria-busy={pending}>
          {plan.columns.map((column, index) => (
            <StudyColumnView
              key={column.id}
              column={column}
              index={index}
              columns={columns}
              zone={user.timezone}
              apply={apply}
              drag={drag}
              onMoveCard={(cardId, columnId, position) => void moveCard(cardId, columnId, position)}
              onEditCard={(cardId) => {
                clearError();
                setEditing(cardId);
              }}
            />
          ))}
        </div>
      )}
      {editingCard && (
        <CardEditor card={editingCard} apply={apply} error={error} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

function PlanProgress({ plan }: { plan: StudyPlan }) {
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

function PlanToolbar({ plan, apply, pending }: PlanToolbarProps) {
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
