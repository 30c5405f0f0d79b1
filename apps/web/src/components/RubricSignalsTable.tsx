import type { RubricSignal } from '@mockboard/contracts';
import { getRubric } from '../api/rubric';
import { useResource } from '../hooks/useResource';
import { InlineMarkdown } from './Markdown';
import { signalLevelText } from './signal-level';

/**
 * Strong and weak signals per rubric dimension, each with the rubric level it evidences; titles and
 * level names come from the rubric when it loads.
 */
export function RubricSignalsTable({ signals }: { signals: readonly RubricSignal[] }) {
  const rubric = useResource('rubric', getRubric);
  const titles = new Map(
    rubric.status === 'success' ? rubric.data.dimensions.map((d) => [d.id, d.title]) : [],
  );
  const levels = rubric.status === 'success' ? rubric.data.levels : undefined;

  return (
    <table className="signals-table">
      <thead>
        <tr>
          <th scope="col">Dimension</th>
          <th scope="col">Strong answers</th>
          <th scope="col">Weak answers</th>
        </tr>
      </thead>
      <tbody>
        {signals.map((signal) => (
          <tr key={signal.dimensionId}>
            <th scope="row">{titles.get(signal.dimensionId) ?? humanize(signal.dimensionId)}</th>
            <td data-label="Strong">
              <span className="signal-level signal-level--strong">
                {signalLevelText('Strong', signal.strongLevel, levels)}
              </span>
              <InlineMarkdown>{signal.strong}</InlineMarkdown>
            </td>
            <td data-label="Weak">
              <span className="signal-level">{signalLevelText('Weak', signal.weakLevel, levels)}</span>
              <InlineMarkdown>{signal.weak}</InlineMarkdown>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function humanize(id: string): string {
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
