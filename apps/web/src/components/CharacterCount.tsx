/** Shown from this share of the limit on: a long text is told how much room is left before it runs out. */
const SHOW_FROM = 0.8;

interface CharacterCountProps {
  length: number;
  max: number;
}

/**
 * "1,950 of 2,000 characters" under a text field with a limit, once the text nears it; at the limit,
 * that the text stops there. A browser cuts a paste at `maxLength` without a word, so a long answer
 * would otherwise lose its end unseen. Only reaching the limit is announced (not every keystroke):
 * its live region appears, empty, as the count does, since screen readers announce changes to a
 * region they already know. (Not before: a page of ten fields would hold ten live regions.)
 */
export function CharacterCount({ length, max }: CharacterCountProps) {
  const full = length >= max;
  if (length < max * SHOW_FROM) return null;
  return (
    <>
      {!full && (
        <p className="character-count">
          {length.toLocaleString()} of {max.toLocaleString()} characters
        </p>
      )}
      <p role="status" className={full ? 'character-count character-count--full' : 'character-count'}>
        {full && `The limit is ${max.toLocaleString()} characters: the text stops there.`}
      </p>
    </>
  );
}
