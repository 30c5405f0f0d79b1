import type { RestrictedAccount } from '@mockboard/contracts';
import { useId, useRef, useState } from 'react';
import { moderateUser } from '../api/moderation';
import { ActionFeedback } from '../components/ActionFeedback';
import { TextAreaField } from '../components/TextAreaField';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { formatDateTime } from '../time/format';

interface RestrictedAccountsProps {
  accounts: RestrictedAccount[];
  zone: string;
  /** After a reinstatement, with what it did in words. */
  onActed: (done: string) => void;
}

/** The accounts suspended or banned now, each with why, until when, and Reinstate. */
export function RestrictedAccounts({ accounts, zone, onActed }: RestrictedAccountsProps) {
  return (
    <ul className="moderation-reports">
      {accounts.map((account) => (
        <RestrictedAccountItem key={account.user.id} account={account} zone={zone} onActed={onActed} />
      ))}
    </ul>
  );
}

function RestrictedAccountItem({
  account,
  zone,
  onActed,
}: {
  account: RestrictedAccount;
  zone: string;
  onActed: (done: string) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const { run, pending, error } = useAsyncAction();
  const { user } = account;

  async function reinstate() {
    if (!reason.trim()) {
      setReasonError('Say why: the reason goes into the audit log.');
      reasonRef.current?.focus();
      return;
    }
    if (await run(() => moderateUser(user.id, { action: 'reinstate', reason: reason.trim() }))) {
      onActed(`${user.displayName} is reinstated and can sign in again.`);
    }
  }

  return (
    <li className="panel moderation-report" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {user.displayName} ({user.email})
      </h3>
      <p>
        {account.state === 'banned'
          ? 'Banned'
          : `Suspended until ${formatDateTime(new Date(account.until!), zone)}`}{' '}
        since {formatDateTime(new Date(account.since), zone)}: {account.reason}
      </p>
      <TextAreaField
        ref={reasonRef}
        rows={2}
        label={`Reason to reinstate ${user.displayName}`}
        name="reinstate-reason"
        value={reason}
        error={reasonError}
        onChange={(event) => {
          setReason(event.target.value);
          setReasonError(undefined);
        }}
      />
      <div className="moderation-report__actions">
        <button type="button" className="button button--secondary" disabled={pending} onClick={reinstate}>
          Reinstate
        </button>
      </div>
      <ActionFeedback status={null} error={error} />
    </li>
  );
}
