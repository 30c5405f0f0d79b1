import type {
  HintCap,
  Rubric,
  RubricSignal,
  Scorecard,
  ScorecardKind,
  ScoreLevel,
} from '@mockboard/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { toApiRequestError } from '../api/client';
import { saveScorecard } from '../api/scoring';
import { Dialog } from '../components/Dialog';
import { FormAlert } from '../components/FormAlert';
import { DimensionField } from './DimensionField';
import { OverallFields } from './OverallFields';
import { SaveIndicator } from './SaveIndicator';
import {
  draftFrom,
  errorsFromFields,
  unscoredCount,
  writeFrom,
  type ScorecardDraft,
  type ScorecardErrors,
} from './scorecard-draft';
import { useAutosave } from './useAutosave';

const OVERALL_FIELDS = ['strengths', 'improvements', 'recommendation', 'performedAtLevel'];

interface ScorecardFormProps {
  sessionId: string;
  round: number;
  kind: ScorecardKind;
  rubric: Rubric;
  signals: ReadonlyMap<string, RubricSignal>;
  /** The caps the round's revealed hints put on dimensions: shown beside them, never enforced. */
  hintCaps?: readonly HintCap[];
  saved: Scorecard | null;
  /** What happens after submitting, e.g. when the partner sees it; shown in the confirmation. */
  confirmNote: string;
  onSaved: (scorecard: Scorecard) => void;
  onSubmitted: (scorecard: Scorecard) => void;
}

/** The rubric as a form: autosaved as a draft while it is filled in, then submitted once. */
export function ScorecardForm(props: ScorecardFormProps) {
  const {
    sessionId,
    round,
    kind,
    rubric,
    signals,
    hintCaps = [],
    saved,
    confirmNote,
    onSaved,
    onSubmitted,
  } = props;
  const [draft, setDraft] = useState<ScorecardDraft>(() => draftFrom(rubric, saved));
  const [errors, setErrors] = useState<ScorecardErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusNext = useRef<string | null>(null);
  const autosave = useAutosave(
    (value: ScorecardDraft) => saveScorecard(sessionId, round, writeFrom(value, kind, false)),
    onSaved,
  );
  const self = kind === 'self';

  // After the server names invalid fields, move to the first one once its message is on screen.
  useEffect(() => {
    const key = focusNext.current;
    const form = formRef.current;
    if (!key || !form) return;
    focusNext.current = null;
    const name = OVERALL_FIELDS.includes(key) ? key : `level-${key}`;
    const target =
      form.querySelector<HTMLElement>(`[name="${name}"]:checked`) ??
      form.querySelector<HTMLElement>(`[name="${name}"]`);
    target?.focus({ preventScroll: true });
    target?.closest('.score-dimension, .choice-group, .field')?.scrollIntoView({ block: 'start' });
  });

  function update(next: ScorecardDraft, fixed: string) {
    setDraft(next);
    setErrors((current) => (current[fixed] ? { ...current, [fixed]: '' } : current));
    autosave.schedule(next);
  }

  function updateDimension(dimensionId: string, change: { level?: ScoreLevel; evidence?: string }) {
    const dimensions = draft.dimensions.map((dimension) =>
      dimension.dimensionId === dimensionId ? { ...dimension, ...change } : dimension,
    );
    update({ ...draft, dimensions }, change.level ? dimensionId : '');
  }

  async function submit() {
    setSubmitting(true);
    setFormError(null);
    await autosave.settle();
    try {
      onSubmitted(await saveScorecard(sessionId, round, writeFrom(draft, kind, true)));
    } catch (caught) {
      const error = toApiRequestError(caught);
      setConfirming(false);
      const fieldErrors = errorsFromFields(error.fields, draft);
      const order = [...draft.dimensions.map((dimension) => dimension.dimensionId), ...OVERALL_FIELDS];
      focusNext.current = order.find((key) => fieldErrors[key]) ?? null;
      setErrors(fieldErrors);
      // Beside the fields the server's words are enough; up here, a count says how much is left.
      const placed = order.filter((key) => fieldErrors[key]).length;
      const unplaced = Object.entries(fieldErrors).filter(([key]) => !order.includes(key));
      setFormError(
        unplaced.length > 0
          ? unplaced.map(([, message]) => message).join(' ')
          : placed > 0
            ? `${placed === 1 ? 'One answer is' : `${placed} answers are`} still missing: see the marked ${placed === 1 ? 'field' : 'fields'}.`
            : error.message,
      );
      // Whatever the submit did not keep is saved as a draft again.
      if (error.status !== 409) autosave.schedule(draft);
    } finally {
      setSubmitting(false);
    }
  }

  const unscored = unscoredCount(draft);
  return (
    <form
      ref={formRef}
      className="form scorecard-form"
      noValidate
      aria-label={self ? 'Self-assessment' : 'Scorecard'}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        setConfirming(true);
      }}
    >
      <section className="scorecard-form__section" aria-labelledby="dimensions-title">
        <h2 id="dimensions-title">Dimensions</h2>
        <p className="section-lead">
          For each dimension, choose the level whose description fits best, and note the evidence: what{' '}
          {self ? 'you' : 'the candidate'} said or drew.
        </p>
        {rubric.dimensions.map((dimension, index) => (
          <DimensionField
            key={dimension.id}
            dimension={dimension}
            levels={rubric.levels}
            level={draft.dimensions[index]?.level ?? null}
            evidence={draft.dimensions[index]?.evidence ?? ''}
            signal={signals.get(dimension.id)}
            hintCap={hintCaps.find((cap) => cap.dimensionId === dimension.id)}
            error={errors[dimension.id] || undefined}
            onLevel={(level) => updateDimension(dimension.id, { level })}
            onEvidence={(evidence) => updateDimension(dimension.id, { evidence })}
          />
        ))}
      </section>

      <section className="scorecard-form__section" aria-labelledby="overall-title">
        <h2 id="overall-title">Overall</h2>
        <OverallFields
          value={draft}
          recommendations={rubric.recommendations}
          errors={errors}
          self={self}
          onChange={(change) => update({ ...draft, ...change }, Object.keys(change)[0] ?? '')}
        />
      </section>

      <FormAlert>{formError}</FormAlert>
      <div className="scorecard-form__footer">
        <div className="scorecard-form__actions">
          <button type="submit" className="button">
            {self ? 'Submit self-assessment' : 'Submit scorecard'}
          </button>
          <SaveIndicator state={autosave.state} onRetry={() => void autosave.retry()} />
        </div>
      </div>

      {confirming && (
        <Dialog
          title={self ? 'Submit your self-assessment?' : 'Submit your scorecard?'}
          onClose={() => setConfirming(false)}
        >
          <p>You cannot change it after submitting. {confirmNote}</p>
          {unscored > 0 && (
            <p className="warning" role="note">
              {unscored === 1 ? '1 dimension has' : `${unscored} dimensions have`} no level yet. Every
              dimension needs one.
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => void submit()} disabled={submitting}>
              {submitting && <span className="spinner spinner--small" aria-hidden="true" />}
              Submit
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              Keep editing
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}
