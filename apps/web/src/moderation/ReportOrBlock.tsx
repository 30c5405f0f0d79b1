import {
  CreateReportRequestSchema,
  REPORT_COMMENT_MAX_LENGTH,
  REPORT_REASON_LABELS,
  REPORT_REASONS,
  type ReportReason,
} from '@mockboard/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { toApiRequestError } from '../api/client';
import { blockUser, reportPartner } from '../api/moderation';
import { Dialog } from '../components/Dialog';
import { FormAlert } from '../components/FormAlert';
import { TextAreaField } from '../components/TextAreaField';

interface ReportOrBlockProps {
  sessionId: string;
  partner: { id: string; displayName: string };
  /** The session has started, so a report can be made; before it, only blocking is offered. */
  canReport: boolean;
  /** Smaller trigger, for the room's bar. */
  compact?: boolean;
}

/**
 * "Report or block": a quiet button that opens a dialog (the browser's <dialog>: focus stays inside,
 * Escape closes it) with the reason, a comment, and "Also block this person".
 */
export function ReportOrBlock({ sessionId, partner, canReport, compact = false }: ReportOrBlockProps) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={`button button--ghost${compact ? ' button--small' : ''}`}
        onClick={() => {
          setDone(null);
          setOpen(true);
        }}
      >
        {canReport ? 'Report or block' : 'Block'}…
      </button>
      {/* Always mounted: a live region that appears together with its text may go unannounced. */}
      <p className="form__status" role="status" aria-live="polite">
        {!open && done}
      </p>
      {open && (
        <ReportOrBlockDialog
          sessionId={sessionId}
          partner={partner}
          canReport={canReport}
          onClose={() => setOpen(false)}
          onDone={(message) => {
            setDone(message);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

interface DialogProps {
  sessionId: string;
  partner: { id: string; displayName: string };
  canReport: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}

function ReportOrBlockDialog({ sessionId, partner, canReport, onClose, onDone }: DialogProps) {
  const id = useId();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [comment, setComment] = useState('');
  const [alsoBlock, setAlsoBlock] = useState(!canReport);
  const [errors, setErrors] = useState<{ form?: string; reason?: string; comment?: string }>({});
  const [pending, setPending] = useState(false);
  // Once sent, a retry after a failed block sends only the block (the report is not filed twice).
  const [reportSent, setReportSent] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const firstReasonRef = useRef<HTMLInputElement>(null);
  const name = partner.displayName;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const reporting = canReport && (reason !== null || comment.trim() !== '');
    if (!reporting && !alsoBlock) {
      setErrors({ reason: `Choose what happened, or tick “Also block ${name}”.` });
      firstReasonRef.current?.focus();
      return;
    }
    const parsed = CreateReportRequestSchema.safeParse({ reason, comment: comment.trim() || undefined });
    if (reporting && !parsed.success) {
      const byField = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message]));
      setErrors({
        reason: byField.reason ? 'Choose what happened.' : undefined,
        comment: byField.comment ? 'Say what happened: the moderators read it.' : undefined,
      });
      if (byField.reason) firstReasonRef.current?.focus();
      else commentRef.current?.focus();
      return;
    }
    setErrors({});
    setPending(true);
    const reported = reporting && parsed.success;
    try {
      if (reported && !reportSent) {
        await reportPartner(sessionId, parsed.data);
        setReportSent(true);
      }
    } catch (error) {
      setErrors({ form: toApiRequestError(error).message });
      setPending(false);
      return;
    }
    try {
      if (alsoBlock) await blockUser(partner.id);
      onDone(
        [
          reporting &&
            'Thank you: the moderators will review your report, with the board and chat of this session.',
          alsoBlock && `${name} is blocked: you will not be matched or see each other’s slots.`,
        ]
          .filter(Boolean)
          .join(' '),
      );
    } catch (error) {
      // Say both: the report went through even though the block did not.
      const blockFailed = `Blocking ${name} failed: ${toApiRequestError(error).message}`;
      setErrors({
        form: reported
          ? `Your report was sent to the moderators. ${blockFailed} Try again to block.`
          : blockFailed,
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog title={canReport ? `Report or block ${name}` : `Block ${name}`} onClose={onClose}>
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert>{errors.form}</FormAlert>
        {canReport && (
          <>
            <fieldset
              className={`field fieldset${errors.reason ? ' field--invalid' : ''}`}
              aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
            >
              <legend className="field__label">What happened?</legend>
              <div className="report-reasons">
                {REPORT_REASONS.map((option, index) => (
                  <label key={option} className="report-reasons__option">
                    <input
                      ref={index === 0 ? firstReasonRef : undefined}
                      type="radio"
                      name="reason"
                      value={option}
                      checked={reason === option}
                      onChange={() => {
                        setReason(option);
                        setErrors((current) => ({ ...current, reason: undefined }));
                      }}
                    />
                    <span>{REPORT_REASON_LABELS[option]}</span>
                  </label>
                ))}
              </div>
              {errors.reason && (
                <p className="field__error" id={`${id}-reason-error`}>
                  {errors.reason}
                </p>
              )}
            </fieldset>
            <TextAreaField
              ref={commentRef}
              label="Comment"
              name="comment"
              hint={
                reason === 'other'
                  ? 'Required: say what happened.'
                  : 'Optional. Only the moderators read it, never your partner.'
              }
              rows={4}
              maxLength={REPORT_COMMENT_MAX_LENGTH}
              value={comment}
              error={errors.comment}
              onChange={(event) => {
                setComment(event.target.value);
                setErrors((current) => ({ ...current, comment: undefined }));
              }}
            />
          </>
        )}
        <label className="report-block">
          <input
            type="checkbox"
            checked={alsoBlock}
            onChange={(event) => setAlsoBlock(event.target.checked)}
          />
          <span>
            {canReport ? `Also block ${name}` : `Block ${name}`}
            <span className="field__hint">
              You will not be matched with each other or see each other’s open slots. A session already booked
              stays until one of you cancels it. Unblock any time from your profile.
            </span>
          </span>
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--danger" disabled={pending}>
            {pending && <span className="spinner spinner--small" aria-hidden="true" />}
            {canReport ? 'Send' : 'Block'}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
