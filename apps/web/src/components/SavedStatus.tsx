/**
 * A form's "saved" line beside its submit button. The live region is always rendered, so screen
 * readers announce the message when it appears; the tick only shows with a message.
 */
export function SavedStatus({ message }: { message: string | null }) {
  return (
    <p className="form__status" role="status">
      {message && (
        <>
          <span className="form__status-icon" aria-hidden="true" />
          {message}
        </>
      )}
    </p>
  );
}
