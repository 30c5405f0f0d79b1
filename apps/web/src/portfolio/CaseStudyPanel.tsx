import type { Session } from '@mockboard/contracts';
import { useId, useState } from 'react';
import { caseStudyMarkdownUrl, getShareLink, revokeCaseStudyShare, shareCaseStudy } from '../api/scoring';
import { ActionFeedback } from '../components/ActionFeedback';
import { CopyField, absoluteUrl } from '../components/CopyField';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { useResource } from '../hooks/useResource';
import { busyButtonProps } from '../components/busy-button';

/**
 * The session as a portfolio piece: a Markdown download, and a public read-only link that can be
 * copied and revoked. Sharing is off until the user turns it on.
 */
export function CaseStudyPanel({ session }: { session: Session }) {
  const current = useResource(`share-link:${session.id}`, (signal) => getShareLink(session.id, signal));
  // After a change here, what the server answered; before, what it said at first.
  const [changed, setChanged] = useState<{ url: string | null } | null>(null);
  const url = changed
    ? changed.url
    : current.status === 'success' && current.data
      ? absoluteUrl(current.data)
      : null;
  const { run, pending, error } = useAsyncAction();
  const [status, setStatus] = useState<string | null>(null);
  const id = useId();

  async function setShared(share: boolean) {
    setStatus(null);
    await run(async () => {
      if (share) {
        const link = await shareCaseStudy(session.id);
        setChanged({ url: link && absoluteUrl(link) });
        setStatus('Anyone with the link can read the case study, without signing in.');
      } else {
        await revokeCaseStudyShare(session.id);
        setChanged({ url: null });
        setStatus('Revoked: the link no longer works.');
      }
    });
  }

  return (
    <section className="session-section case-study" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Case study</h2>
      <p className="session-section__note">
        The prompt, the whiteboard and the feedback, as a write-up for your portfolio.
      </p>
      <a className="button button--secondary" href={caseStudyMarkdownUrl(session.id)} download>
        Download case study (.md)
      </a>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={url !== null}
          disabled={current.status === 'loading' && !changed}
          onChange={(event) => void setShared(event.target.checked)}
          {...busyButtonProps(pending)}
        />
        <span className="switch__track" aria-hidden="true" />
        <span>Share publicly</span>
      </label>
      {url && (
        <CopyField
          id={`${id}-url`}
          label="Public link"
          value={url}
          copiedMessage="Link copied."
          onStatus={setStatus}
          className="case-study__link"
        >
          <button
            type="button"
            className="button button--ghost"
            disabled={pending}
            onClick={() => void setShared(false)}
          >
            Revoke
          </button>
        </CopyField>
      )}
      <ActionFeedback status={status} error={error} />
    </section>
  );
}
