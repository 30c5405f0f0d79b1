/** Shown from this share of the limit on: a long text is told how much room is left before it runs out. */
const SHOW_FROM = 0.8;

interface CharacterCountProps {
  length: number;
  max: number;
  id?: string;
}

/**
 * "1,950 of 2,000 characters" under a text field with a limit, once the text nears it. At the limit
 * it says that the rest was not kept: a browser cuts a paste at `maxLength` without a word, so a
 * long answer would otherwise lose its end unseen. Announced only then (not on every keystroke).
 */
export function CharacterCount({ length, max, id }: CharacterCountProps) {
  if (length < max * SHOW_FROM) return null;
  const full = length >= max;
  return (
    <p id={id} className={`character-count${full ? ' character-count--full' : ''}`}>
      <span aria-hidden={full}>
        {length.toLocaleString()} of {max.toLocaleString()} characters
      </span>
      {full && (
        <span role="status">
          {' '}
          The limit is {max.toLocaleString()} characters: anything past it was not kept.
        </span>
      )}
    </p>
  );
}
