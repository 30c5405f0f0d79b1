import {
  STUDY_PLAN_LIMITS,
  type StudyCard,
  type StudyCardKind,
  type StudyCardStatus,
} from '@mockboard/contracts';
import { Link } from 'react-router-dom';
import { Markdown } from '../components/Markdown';
import { formatLongDate } from '../time/format';
import { CardStatusChips } from './CardStatusChips';

const KIND_LABELS: Record<StudyCardKind, string> = { topic: 'Topic', prompt: 'Prompt', custom: 'Task' };

export interface ColumnChoice {
  id: string;
  title: string;
}

interface StudyCardViewProps {
  card: StudyCard;
  columnId: string;
  index: number;
  count: number;
  columns: readonly ColumnChoice[];
  zone: string;
  onStatus: (status: StudyCardStatus) => void;
  onMove: (columnId: string, position: number) => void;
  onEdit: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
}

/**
 * One card. Every action has a button or a select (no drag and drop needed): status chips, up and
 * down within the column, "Move to…" another column (to its end), and Edit for the rest.
 */
export function StudyCardView({
  card,
  columnId,
  index,
  count,
  columns,
  zone,
  ...actions
}: StudyCardViewProps) {
  const titleId = `plan-card-title-${card.id}`;
  return (
    <article
      className={`plan-card plan-card--${card.status}`}
      id={`plan-card-${card.id}`}
      tabIndex={-1}
      aria-labelledby={titleId}
      // Dragging is a shortcut for pointer users; the buttons and the select below do the same.
      draggable
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', card.title);
        actions.onDragStart();
      }}
      onDragEnd={actions.onDragEnd}
    >
      <div className="plan-card__top">
        <span className={`plan-card__kind plan-card__kind--${card.kind}`}>{KIND_LABELS[card.kind]}</span>
        <button
          type="button"
          className="plan-icon-button"
          aria-label={`Move “${card.title}” up`}
          data-focus="up"
          disabled={index === 0}
          onClick={() => actions.onMove(columnId, index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="plan-icon-button"
          aria-label={`Move “${card.title}” down`}
          data-focus="down"
          disabled={index === count - 1}
          onClick={() => actions.onMove(columnId, index + 1)}
        >
          ↓
        </button>
        <button type="button" className="plan-card__edit" onClick={actions.onEdit}>
          Edit<span className="visually-hidden"> “{card.title}”</span>
        </button>
      </div>
      <h3 className="plan-card__title" id={titleId}>
        {card.promptId ? <Link to={`/prompts/${card.promptId}`}>{card.title}</Link> : card.title}
      </h3>
      {card.status === 'done' && card.completedBy && (
        <p className="plan-card__done">
          Done · completed in{' '}
          <Link to={`/sessions/${card.completedBy.sessionId}`}>
            your mock on {formatLongDate(new Date(card.completedBy.at), zone)}
          </Link>
        </p>
      )}
      {card.notes.trim() && (
        <details className="plan-card__notes">
          <summary>Notes</summary>
          <Markdown sectionLevel={3}>{card.notes}</Markdown>
        </details>
      )}
      {card.links.length > 0 && (
        <ul className="plan-card__links" aria-label={`Links for “${card.title}”`}>
          {card.links.map((link, position) => (
            <li key={position}>
              <a href={link.url} target="_blank" rel="noreferrer noopener">
                {link.title || link.url}
              </a>
            </li>
          ))}
        </ul>
      )}
      <div className="plan-card__footer">
        <CardStatusChips cardTitle={card.title} status={card.status} onChange={actions.onStatus} />
        <select
          className="plan-card__move-to"
          aria-label={`Move “${card.title}” to another column`}
          value=""
          onChange={(event) =>
            event.target.value && actions.onMove(event.target.value, STUDY_PLAN_LIMITS.cards)
          }
        >
          <option value="">Move…</option>
          {columns
            .filter((column) => column.id !== columnId)
            .map((column) => (
              <option key={column.id} value={column.id}>
                {column.title}
              </option>
            ))}
        </select>
      </div>
    </article>
  );
}
