import { STUDY_PLAN_LIMITS, type StudyCard, type StudyLink, type StudyPlan } from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { studyPlanApi } from '../api/study-plan';
import { ConfirmDanger } from '../components/ConfirmDanger';
import { Dialog } from '../components/Dialog';
import { FormAlert } from '../components/FormAlert';
import { TextAreaField } from '../components/TextAreaField';
import { TextField } from '../components/TextField';
import type { PlanWrite } from './useStudyPlan';
import type { ApiRequestError } from '../api/client';

interface CardEditorProps {
  card: StudyCard;
  /** Runs a write; resolves to whether it succeeded. */
  apply: (write: PlanWrite) => Promise<boolean>;
  error: ApiRequestError | null;
  onClose: () => void;
}

interface LinkDraft {
  url: string;
  title: string;
}

/** The error the server gave for `field` (e.g. "links.0.url"), if any. */
function fieldError(error: ApiRequestError | null, field: string): string | undefined {
  return error?.fields.find((each) => each.field === field)?.message;
}

/** Title, Markdown notes and links of one card, and deleting it (after a second click). */
export function CardEditor({ card, apply, error, onClose }: CardEditorProps) {
  const [title, setTitle] = useState(card.title);
  const [notes, setNotes] = useState(card.notes);
  const [links, setLinks] = useState<LinkDraft[]>(
    card.links.map((link) => ({ url: link.url, title: link.title ?? '' })),
  );
  const [saving, setSaving] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const shownError = submitted ? error : null;

  const run = async (write: () => Promise<StudyPlan>) => {
    setSaving(true);
    setSubmitted(true);
    const ok = await apply(write);
    setSaving(false);
    if (ok) onClose();
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const cleaned: StudyLink[] = links
      .filter((link) => link.url.trim())
      .map((link) =>
        link.title.trim() ? { url: link.url.trim(), title: link.title.trim() } : { url: link.url.trim() },
      );
    void run(() => studyPlanApi.updateCard(card.id, { title, notes, links: cleaned }));
  };

  const setLink = (index: number, patch: Partial<LinkDraft>) =>
    setLinks((current) => current.map((link, at) => (at === index ? { ...link, ...patch } : link)));

  return (
    <Dialog title="Edit card" onClose={onClose}>
      <form className="plan-editor" onSubmit={save} noValidate>
        <FormAlert>{shownError && !shownError.fields.length ? shownError.message : null}</FormAlert>
        <TextField
          label="Title"
          name="title"
          value={title}
          maxLength={STUDY_PLAN_LIMITS.cardTitleLength}
          required
          error={fieldError(shownError, 'title')}
          onChange={(event) => setTitle(event.target.value)}
        />
        <TextAreaField
          label="Notes"
          name="notes"
          hint="Markdown works: **bold**, lists, `code`, [links](https://…)."
          rows={6}
          value={notes}
          maxLength={STUDY_PLAN_LIMITS.notesLength}
          error={fieldError(shownError, 'notes')}
          onChange={(event) => setNotes(event.target.value)}
        />
        <fieldset className="plan-editor__links">
          <legend>Links</legend>
          {fieldError(shownError, 'links') && (
            <p className="field__error">{fieldError(shownError, 'links')}</p>
          )}
          {links.map((link, index) => (
            <div className="plan-editor__link" key={index}>
              <TextField
                label={`Link ${index + 1} address`}
                name={`link-${index}-url`}
                type="url"
                inputMode="url"
                placeholder="https://"
                value={link.url}
                error={fieldError(shownError, `links.${index}.url`)}
                onChange={(event) => setLink(index, { url: event.target.value })}
              />
              <TextField
                label={`Link ${index + 1} title (optional)`}
                name={`link-${index}-title`}
                value={link.title}
                error={fieldError(shownError, `links.${index}.title`)}
                onChange={(event) => setLink(index, { title: event.target.value })}
              />
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setLinks((current) => current.filter((_, at) => at !== index))}
              >
                Remove link {index + 1}
              </button>
            </div>
          ))}
          {links.length < STUDY_PLAN_LIMITS.linksPerCard && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setLinks((current) => [...current, { url: '', title: '' }])}
            >
              Add a link
            </button>
          )}
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button" disabled={saving}>
            {saving && <span className="spinner spinner--small" aria-hidden="true" />}
            Save
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          {!confirmingDelete && (
            <button
              type="button"
              className="button button--ghost plan-editor__delete"
              onClick={() => setConfirmingDelete(true)}
            >
              Delete card
            </button>
          )}
        </div>
        {confirmingDelete && (
          <ConfirmDanger
            confirmLabel="Delete the card"
            cancelLabel="Keep it"
            pending={saving}
            onConfirm={() => void run(() => studyPlanApi.deleteCard(card.id))}
            onCancel={() => setConfirmingDelete(false)}
          >
            <p>Delete “{card.title}” with its notes and links? This cannot be undone.</p>
          </ConfirmDanger>
        )}
      </form>
    </Dialog>
  );
}
