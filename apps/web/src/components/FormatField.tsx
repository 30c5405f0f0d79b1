import { SESSION_FORMATS, type SessionFormat } from '@mockboard/contracts';
import { FORMAT_DESCRIPTIONS, FORMAT_LABELS } from './labels';

/** Swap or single round, as two radio cards. */
export function FormatField({
  value,
  onChange,
  name,
}: {
  value: SessionFormat;
  onChange: (format: SessionFormat) => void;
  /** Distinct per form, so two forms on one page keep separate radio groups. */
  name: string;
}) {
  return (
    <fieldset className="field fieldset">
      <legend className="field__label">Format</legend>
      <div className="choice-grid">
        {SESSION_FORMATS.map((format) => (
          <label key={format} className="choice">
            <input
              type="radio"
              name={name}
              value={format}
              checked={value === format}
              onChange={() => onChange(format)}
            />
            <span className="choice__body">
              <span className="choice__title">{FORMAT_LABELS[format]}</span>
              <span className="choice__text">{FORMAT_DESCRIPTIONS[format]}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
