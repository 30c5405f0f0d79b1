import { STUDY_CARD_STATUSES, STUDY_CARD_STATUS_LABELS, type StudyCardStatus } from '@mockboard/contracts';

interface CardStatusChipsProps {
  cardTitle: string;
  status: StudyCardStatus;
  onChange: (status: StudyCardStatus) => void;
}

/** To do · Doing · Done as three toggle chips: one click (or Enter) sets the status. */
export function CardStatusChips({ cardTitle, status, onChange }: CardStatusChipsProps) {
  return (
    <div className="plan-status" role="group" aria-label={`Status of “${cardTitle}”`}>
      {STUDY_CARD_STATUSES.map((each) => (
        <button
          key={each}
          type="button"
          className={`plan-status__chip plan-status__chip--${each}`}
          aria-pressed={each === status}
          onClick={() => each !== status && onChange(each)}
        >
          {STUDY_CARD_STATUS_LABELS[each]}
        </button>
      ))}
    </div>
  );
}
