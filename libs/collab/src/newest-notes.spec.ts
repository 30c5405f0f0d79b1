import { NewestNotes, type RevisedNotes } from './newest-notes';

describe('NewestNotes', () => {
  const heardBy = (notes: NewestNotes) => {
    const heard: [number, RevisedNotes][] = [];
    notes.onNewer((round, revised) => heard.push([round, revised]));
    return heard;
  };

  it('keeps the highest revision of each round, whatever order they arrive in', () => {
    const notes = new NewestNotes();
    const heard = heardBy(notes);
    notes.offer(1, { text: 'second save', revision: 2 });
    // A join answered after that save was stored elsewhere, carrying the text it read before it.
    notes.offer(1, { text: 'first save', revision: 1 });
    notes.offer(2, { text: 'round two', revision: 1 });
    expect(notes.of(1)).toEqual({ text: 'second save', revision: 2 });
    expect(notes.of(2)).toEqual({ text: 'round two', revision: 1 });
    expect(notes.of(3)).toBeUndefined();
    expect(heard).toEqual([
      [1, { text: 'second save', revision: 2 }],
      [2, { text: 'round two', revision: 1 }],
    ]);
  });

  it('tells nobody of a revision it already has, and nobody who unsubscribed', () => {
    const notes = new NewestNotes();
    const heard: number[] = [];
    const stop = notes.onNewer((_, revised) => heard.push(revised.revision));
    notes.offer(1, { text: 'a', revision: 1 });
    notes.offer(1, { text: 'a', revision: 1 });
    stop();
    notes.offer(1, { text: 'b', revision: 2 });
    expect(heard).toEqual([1]);
    expect(notes.of(1)?.text).toBe('b');
  });
});
