import type { ProgressResponse } from '@mockboard/contracts';
import { formatLevel } from './trend-data';

type Dimension = ProgressResponse['dimensions'][number];

/** Bar length on the 1–4 scale, as a share of the track (0 at level 0, so level 1 still shows). */
const share = (level: number) => `${(level / 4) * 100}%`;

/** The gap in words, shown to everyone: a bare "+0.5" or "0" next to a title said nothing. */
function gapText(gap: number): string {
  if (Math.abs(gap) < 0.05) return 'In line with your partners';
  const amount = formatLevel(Math.round(Math.abs(gap) * 10) / 10);
  return gap > 0 ? `You rate yourself ${amount} higher` : `You rate yourself ${amount} lower`;
}

/**
 * Self-assessment against partners' scores, per dimension: two bars and the gap in words. Plain
 * HTML, so screen readers read every number without a separate table.
 */
export function CalibrationChart({ dimensions }: { dimensions: readonly Dimension[] }) {
  const compared = dimensions.filter(
    (dimension) => dimension.selfAverage !== null && dimension.partnerAverage !== null,
  );
  if (compared.length === 0) {
    return (
      <p className="muted">
        Submit a self-assessment for a round your partner scored, and the comparison appears here.
      </p>
    );
  }
  return (
    <>
      <p className="calibration-legend" aria-hidden="true">
        <span className="calibration-legend__item calibration-legend__item--self">You</span>
        <span className="calibration-legend__item calibration-legend__item--partner">Partners</span>
      </p>
      <ul className="calibration-list">
        {compared.map((dimension) => {
          const self = dimension.selfAverage ?? 0;
          const partner = dimension.partnerAverage ?? 0;
          const gap = dimension.calibrationGap ?? self - partner;
          return (
            <li key={dimension.dimensionId} className="calibration-row">
              <p className="calibration-row__head">
                <span className="calibration-row__title">{dimension.title}</span>
                <span className={`calibration-row__gap${Math.abs(gap) >= 0.75 ? ' is-wide' : ''}`}>
                  <span className="visually-hidden">: </span>
                  {gapText(gap)}
                </span>
              </p>
              <div className="calibration-bars">
                <span className="calibration-bar calibration-bar--self">
                  <span className="calibration-bar__fill" style={{ width: share(self) }} />
                  <span className="calibration-bar__value">
                    <span className="visually-hidden">You: </span>
                    {formatLevel(Math.round(self * 10) / 10)}
                  </span>
                </span>
                <span className="calibration-bar calibration-bar--partner">
                  <span className="calibration-bar__fill" style={{ width: share(partner) }} />
                  <span className="calibration-bar__value">
                    <span className="visually-hidden">Partners: </span>
                    {formatLevel(Math.round(partner * 10) / 10)}
                  </span>
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
