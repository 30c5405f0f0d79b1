import { TARGET_LEVELS } from '@mockboard/contracts';
import { TARGET_LEVEL_LABELS } from './labels';
import { SelectField } from './SelectField';

/** An optional target level: "" means any. */
export function LevelSelect({
  value,
  onChange,
  anyLabel,
  label = 'Level',
  error,
  className,
}: {
  value: string;
  onChange: (level: string) => void;
  anyLabel: string;
  label?: string;
  error?: string;
  className?: string;
}) {
  return (
    <SelectField
      label={label}
      error={error}
      className={className}
      name="level"
      value={value}
      options={[
        { value: '', label: anyLabel },
        ...TARGET_LEVELS.map((level) => ({ value: level, label: TARGET_LEVEL_LABELS[level] })),
      ]}
      onChange={onChange}
    />
  );
}
