import { dropPosition, gapAt } from './card-drop';

describe('dropPosition', () => {
  const dragged = { cardId: 'a', columnId: 'left', index: 2 };

  it('keeps the gap as the position in another column', () => {
    expect(dropPosition(dragged, 'right', 0)).toBe(0);
    expect(dropPosition(dragged, 'right', 5)).toBe(5);
  });

  it('counts without the card itself when it moves down its own column', () => {
    expect(dropPosition(dragged, 'left', 5)).toBe(4);
    // The gaps just above and below the card leave it where it is.
    expect(dropPosition(dragged, 'left', 2)).toBe(2);
    expect(dropPosition(dragged, 'left', 3)).toBe(2);
  });

  it('keeps the gap when it moves up its own column', () => {
    expect(dropPosition(dragged, 'left', 0)).toBe(0);
  });
});

describe('gapAt', () => {
  const cards = [
    { top: 0, bottom: 100 },
    { top: 110, bottom: 210 },
  ];

  it('points before the first card whose middle is below the pointer', () => {
    expect(gapAt(10, cards)).toBe(0);
    expect(gapAt(60, cards)).toBe(1);
    expect(gapAt(150, cards)).toBe(1);
  });

  it('points to the end below the last middle, and for an empty column', () => {
    expect(gapAt(200, cards)).toBe(2);
    expect(gapAt(0, [])).toBe(0);
  });
});
