import type { InterviewerRating } from '@mockboard/contracts';
import { useId, useState, type FormEvent } from 'react';
import { toApiRequestError } from '../api/client';
import { rateInterviewer } from '../api/scoring';
import { FormAlert } from '../components/FormAlert';
import { SubmitButton } from '../components/SubmitButton';
import { TextAreaField } from '../components/TextAreaField';
import { formatDateTime, timeZoneSuffix } from '../time/format';
import { ChoiceGroup } from './ChoiceGroup';

const ONE_TO_FIVE = [1, 2, 3, 4, 5] as const;
type Rating = (typeof ONE_TO_FIVE)[number];
const choices = ONE_TO_FIVE.map((value) => ({ value, label: String(value) }));

interface InterviewerRatingFormProps {
  sessionId: string;
  round: number;
  interviewerName: string;
  saved: InterviewerRating | null;
  /** A rating can reveal the interviewer's scorecard (single-round sessions): the page asks again. */
  onSaved: () => void;
  /** What saving also does, when the candidate should know first. */
  note?: string;
  /**
   * Set once the interviewer's feedback was revealed to the candidate: the rating closed then
   * (it is given before seeing theirs), and the server refuses a change.
   */
  closed?: { at: string; zone: string };
}

/** The candidate's private rating of their interviewer: it shapes matching, never shown by name. */
export function InterviewerRatingForm(props: InterviewerRatingFormProps) {
  const { interviewerName, saved, closed } = props;
  // Decided on arrival: a rating that closes while the page is open (the save that revealed the
  // feedback, in a single round) keeps its form and its thanks, with saving turned off.
  const [closedOnArrival] = useState(closed !== undefined);
  if (closedOnArrival && closed)
    return <ClosedRating interviewerName={interviewerName} saved={saved} closed={closed} />;
  return <OpenRatingForm {...props} />;
}

/** What was rated, or that nothing was, once the rating closed: no form the server would refuse. */
function ClosedRating({
  interviewerName,
  saved,
  closed,
}: Pick<InterviewerRatingFormProps, 'interviewerName' | 'saved'> & { closed: { at: string; zone: string } }) {
  const when = `${formatDateTime(new Date(closed.at), closed.zone)}${timeZoneSuffix(closed.zone)}`;
  return (
    <section className="panel rating-panel" aria-labelledby="rating-title">
      <h2 id="rating-title">Your rating of {interviewerName} as an interviewer</h2>
      {saved ? (
        <dl className="rating-panel__given">
          <dt>Clarity</dt>
          <dd>{saved.clarity} of 5</dd>
          <dt>Helpfulness</dt>
          <dd>{saved.helpfulness} of 5</dd>
          {saved.comment && (
            <>
              <dt>Comment</dt>
              <dd>{saved.comment}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="section-lead">You did not rate {interviewerName}.</p>
      )}
      <p className="muted">
        Ratings closed on {when}, when {interviewerName}’s feedback was revealed to you: a rating is given
        before seeing theirs.
      </p>
    </section>
  );
}

function OpenRatingForm({
  sessionId,
  round,
  interviewerName,
  saved,
  onSaved,
  note,
  closed,
}: InterviewerRatingFormProps) {
  const closedNoteId = useId();
  const [clarity, setClarity] = useState<Rating | null>((saved?.clarity as Rating) ?? null);
  const [helpfulness, setHelpfulness] = useState<Rating | null>((saved?.helpfulness as Rating) ?? null);
  const [comment, setComment] = useState(saved?.comment ?? '');
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<string | null>(saved ? 'Your rating is saved.' : null);
  const [errors, setErrors] = useState<{ clarity?: string; helpfulness?: string; form?: string }>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    if (clarity === null || helpfulness === null) {
      setErrors({
        clarity: clarity === null ? 'Choose a clarity rating from 1 to 5.' : undefined,
        helpfulness: helpfulness === null ? 'Choose a helpfulness rating from 1 to 5.' : undefined,
      });
      const field = clarity === null ? 'clarity' : 'helpfulness';
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
      return;
    }
    setPending(true);
    setErrors({});
    try {
      await rateInterviewer(sessionId, round, { clarity, helpfulness, comment });
      setStatus('Thanks: your rating is saved.');
      onSaved();
    } catch (caught) {
      setErrors({ form: toApiRequestError(caught).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel rating-panel" aria-labelledby="rating-title">
      <h2 id="rating-title">Rate {interviewerName} as an interviewer</h2>
      <p className="section-lead">
        Private: {interviewerName} never sees your rating with your name. It helps match good interviewers.
      </p>
      {note && (
        <p className="warning" role="note">
          {note}
        </p>
      )}
      <form className="form" noValidate onSubmit={submit} aria-label="Interviewer rating">
        <FormAlert>{errors.form}</FormAlert>
        <ChoiceGroup<Rating>
          name="clarity"
          legend="Clarity"
          hint="1 = the questions were confusing, 5 = always clear what was asked."
          value={clarity}
          error={errors.clarity}
          choices={choices}
          onChange={(value) => {
            setClarity(value);
            setErrors((current) => ({ ...current, clarity: undefined }));
          }}
        />
        <ChoiceGroup<Rating>
          name="helpfulness"
          legend="Helpfulness"
          hint="1 = no useful hints or feedback, 5 = very helpful."
          value={helpfulness}
          error={errors.helpfulness}
          choices={choices}
          onChange={(value) => {
            setHelpfulness(value);
            setErrors((current) => ({ ...current, helpfulness: undefined }));
          }}
        />
        <TextAreaField
          label="Comment (optional)"
          name="comment"
          rows={2}
          maxLength={1000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
        <div className="form__actions">
          <SubmitButton pending={pending} disabledBy={closed ? closedNoteId : undefined}>
            Save rating
          </SubmitButton>
          <p className="form__status" role="status">
            {status}
          </p>
        </div>
        {closed && (
          <p id={closedNoteId} className="muted">
            Ratings are closed now: {interviewerName}’s feedback has been revealed to you.
          </p>
        )}
      </form>
    </section>
  );
}
