import type { StudyPlan } from '@mockboard/contracts';
import { useEffect, useRef, useState } from 'react';
import { studyPlanApi } from '../api/study-plan';
import { useAuth } from '../auth/AuthContext';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import type { DraggedCard } from './card-drop';
import { CardEditor } from './CardEditor';
import { PlanProgress, PlanToolbar } from './PlanToolbar';
import { StudyColumnView } from './StudyColumnView';
import { useStudyPlan } from './useStudyPlan';
import '../styles/study-plan.css';
import '../styles/study-plan-cards.css';

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
