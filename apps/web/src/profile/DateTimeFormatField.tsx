import { Field } from '../components/Field';
import { browserLanguage } from '../time/format';
import { dateTimeExample, dateTimeFormatChoices, dateTimeFormatLabel } from '../time/date-time-formats';

interface DateTimeFormatFieldProps {
  /** A language tag, or null for the browser's language. */
  value: string | null;
  onChange: (locale: string | null) => void;
  error?: string;
}

/** How dates and times are written everywhere in the app: the browser's way, or one picked here. */
export function DateTimeFormatField({ value, onChange, error }: DateTimeFormatFieldProps) {
  const browser = browserLanguage();
  return (
    <Field
      label="Date and time format"
      hint="How days and times are written, such as a 12- or 24-hour clock. Times stay in your time zone."
      error={error}
    >
      {(control) => (
        <select
          {...control}
          name="dateTimeLocale"
          className="input select"
          // An empty value stands for null (the browser's language): a select's values are strings.
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
        >
          <option value="">{`As this browser (${browser}): ${dateTimeExample(browser)}`}</option>
          {dateTimeFormatChoices(value).map((locale) => (
            <option key={locale} value={locale}>
              {dateTimeFormatLabel(locale)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
