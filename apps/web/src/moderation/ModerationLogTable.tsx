import type { ModerationLogEntry } from '@mockboard/contracts';
import { formatDateTime } from '../time/format';

const ACTION_WORDS: Record<ModerationLogEntry['action'], string> = {
  warn: 'Warned',
  suspend: 'Suspended',
  ban: 'Banned',
  reinstate: 'Reinstated',
  resolve: 'Resolved a report about',
};

/** The audit log: who did what to whom, when and why, latest first. */
export function ModerationLogTable({ entries, zone }: { entries: ModerationLogEntry[]; zone: string }) {
  return (
    <table className="signals-table moderation-log">
      <caption className="visually-hidden">Moderation actions, latest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Admin</th>
          <th scope="col">Action</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(new Date(entry.at), zone)}</td>
            <td>{entry.admin.displayName}</td>
            <td>
              {ACTION_WORDS[entry.action]} {entry.user.displayName}
              {entry.until && ` until ${formatDateTime(new Date(entry.until), zone)}`}
            </td>
            <td>{entry.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
