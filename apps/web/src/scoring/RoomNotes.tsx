interface RoomNotesProps {
  /** The scorer's own private notes from the room, as they left them. */
  text: string;
}

/**
 * The notes the interviewer kept in the room, beside the scorecard they were written for: the room
 * promised they would help score the round, and the form is where that happens. Read-only: they
 * are a record of the interview, and the room is where they are written.
 */
export function RoomNotes({ text }: RoomNotesProps) {
  return (
    <section className="scorecard-aside" aria-labelledby="room-notes-record-title">
      <h2 id="room-notes-record-title" className="scorecard-aside__heading">
        Your notes from the room
      </h2>
      <p className="room-notes-record__text">{text}</p>
    </section>
  );
}
