import { STUDY_PLAN_LIMITS, type StudyCardStatus, type StudyColumn } from '@mockboard/contracts';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { studyPlanApi } from '../api/study-plan';
import { ConfirmDanger } from '../components/ConfirmDanger';
import { dropPosition, gapAt, type DraggedCard } from './card-drop';
import { StudyCardView, type ColumnChoice } from './StudyCardView';
import type { PlanWrite } from './useStudyPlan';

interface StudyColumnViewProps {
  column: StudyColumn;
  index: number;
  columns: readonly ColumnChoice[];
  zone: string;
  apply: (write: PlanWrite) => Promise<boolean>;
  onMoveCard: (cardId: string, columnId: string, position: number) => void;
  onEditCard: (cardId: string) => void;
  /** Drag and drop for pointer users: the card being dragged, shared by the columns. */
  drag: { current: DraggedCard | null };
}

/** One column: its title and actions, its cards in order, and a form to add a card at the end. */
export function StudyColumnView({
  column,
  index,
  columns,
  zone,
  apply,
  onMoveCard,
  onEditCard,
  drag,
}: StudyColumnViewProps) {
  const [dropGap, setDropGap] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const menuRef = useRef<HTMLDetailsElement>(null);
  const [adding, setAdding] = useState(false);
  const [newTitle, setNewTitle] = useState('');
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(column.title);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const headingId = `plan-column-${column.id}`;
  const done = column.cards.filter((card) => card.status === 'done').length;

  const addCard = async (event: FormEvent) => {
    event.preventDefault();
    if (!newTitle.trim()) return;
    if (await apply(() => studyPlanApi.addCard({ columnId: column.id, title: newTitle.trim() }))) {
      setNewTitle('');
    }
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (await apply(() => studyPlanApi.renameColumn(column.id, title))) setRenaming(false);
  };

  const gapOf = (event: DragEvent) => {
    const items = [...(listRef.current?.children ?? [])].map((item) => item.getBoundingClientRect());
    return gapAt(event.clientY, items);
  };

  const dragHandlers = {
    onDragOver: (event: DragEvent) => {
      if (!drag.current) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      setDropGap(gapOf(event));
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropGap(null);
    },
    onDrop: (event: DragEvent) => {
      const dragged = drag.current;
      setDropGap(null);
      if (!dragged) return;
      event.preventDefault();
      onMoveCard(dragged.cardId, column.id, dropPosition(dragged, column.id, gapOf(event)));
    },
  };

  const setStatus = (cardId: string, status: StudyCardStatus) =>
    void apply(() => studyPlanApi.updateCard(cardId, { status }));

  return (
    <section
      className={`plan-column${dropGap !== null ? ' plan-column--drop-target' : ''}`}
      aria-labelledby={headingId}
      {...dragHandlers}
    >
      <header className="plan-column__header">
        {renaming ? (
          <form className="plan-column__rename" onSubmit={rename}>
            <label className="visually-hidden" htmlFor={`${headingId}-title`}>
              Column title
            </label>
            <input
              id={`${headingId}-title`}
              className="input input--small"
              value={title}
              maxLength={STUDY_PLAN_LIMITS.columnTitleLength}
              autoFocus
              onChange={(event) => setTitle(event.target.value)}
              onKeyDown={(event) => event.key === 'Escape' && setRenaming(false)}
            />
            <button type="submit" className="button button--small">
              Save
            </button>
          </form>
        ) : (
          <h2 className="plan-column__title" id={headingId}>
            <ColumnTitle title={column.title} />
          </h2>
        )}
        <span className="plan-column__count" aria-label={`${done} of ${column.cards.length} done`}>
          {done}/{column.cards.length}
        </span>
        <details
          className="plan-menu"
          ref={menuRef}
          // Any action closes the menu; so does Escape, handing focus back to its button.
          onClick={(event) => {
            if ((event.target as HTMLElement).closest('.plan-menu__items button'))
              menuRef.current?.removeAttribute('open');
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || !menuRef.current?.open) return;
            menuRef.current.removeAttribute('open');
            menuRef.current.querySelector('summary')?.focus();
          }}
        >
          <summary className="plan-icon-button" aria-label={`Actions for column “${column.title}”`}>
            ⋯
          </summary>
          <div className="plan-menu__items">
            <button
              type="button"
              onClick={() => {
                setTitle(column.title);
                setRenaming(true);
              }}
            >
              Rename
            </button>
            <button
              type="button"
              disabled={index === 0}
              onClick={() => void apply(() => studyPlanApi.moveColumn(column.id, index - 1))}
            >
              Move left
            </button>
            <button
              type="button"
              disabled={index === columns.length - 1}
              onClick={() => void apply(() => studyPlanApi.moveColumn(column.id, index + 1))}
            >
              Move right
            </button>
            <button type="button" className="plan-menu__danger" onClick={() => setConfirmingDelete(true)}>
              Delete column
            </button>
          </div>
        </details>
      </header>
      {confirmingDelete && (
        <ConfirmDanger
          confirmLabel="Delete"
          cancelLabel="Keep it"
          pending={false}
          onConfirm={() => void apply(() => studyPlanApi.deleteColumn(column.id))}
          onCancel={() => setConfirmingDelete(false)}
        >
          <p>
            Delete “{column.title}” and its {column.cards.length}{' '}
            {column.cards.length === 1 ? 'card' : 'cards'}?
          </p>
        </ConfirmDanger>
      )}
      {column.cards.length === 0 ? (
        <p className="plan-column__empty">No cards yet.</p>
      ) : (
        <ol
          className={`plan-column__cards${dropGap === column.cards.length ? ' plan-column__cards--drop-end' : ''}`}
          ref={listRef}
        >
          {column.cards.map((card, position) => (
            <li key={card.id} className={dropGap === position ? 'plan-drop-before' : undefined}>
              <StudyCardView
                card={card}
                columnId={column.id}
                index={position}
                count={column.cards.length}
                columns={columns}
                zone={zone}
                onStatus={(status) => setStatus(card.id, status)}
                onMove={(columnId, to) => onMoveCard(card.id, columnId, to)}
                onEdit={() => onEditCard(card.id)}
                onDragStart={() => (drag.current = { cardId: card.id, columnId: column.id, index: position })}
                onDragEnd={() => (drag.current = null)}
              />
            </li>
          ))}
        </ol>
      )}
      {adding ? (
        <form className="plan-column__add" onSubmit={addCard}>
          <label className="visually-hidden" htmlFor={`${headingId}-new`}>
            Title of the new card in “{column.title}”
          </label>
          <input
            id={`${headingId}-new`}
            className="input input--small"
            placeholder="What to study or do"
            value={newTitle}
            maxLength={STUDY_PLAN_LIMITS.cardTitleLength}
            autoFocus
            onChange={(event) => setNewTitle(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && setAdding(false)}
          />
          <div className="plan-column__add-actions">
            <button type="submit" className="button button--small" disabled={!newTitle.trim()}>
              Add card
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setAdding(false)}
            >
              Done
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="plan-column__add-button" onClick={() => setAdding(true)}>
          + Add a card<span className="visually-hidden"> to “{column.title}”</span>
        </button>
      )}
    </section>
  );
}

/**
 * "Weeks 1-3 · Foundations" shows the weeks small above the phase, so a narrow column does not
 * break the title in the middle; the heading still reads as the whole title.
 */
function ColumnTitle({ title }: { title: string }) {
  const split = title.indexOf(' · ');
  if (split < 0) return title;
  return (
    <>
      <span className="plan-column__eyebrow">
        {title.slice(0, split)}
        <span className="visually-hidden"> · </span>
      </span>
      {title.slice(split + 3)}
    </>
  );
}
