import { followView, type BoardView } from './viewport';

/** The board point shown in the middle of a screen. */
const centreOf = (view: BoardView) => ({
  x: view.width / 2 / view.zoom - view.scrollX,
  y: view.height / 2 / view.zoom - view.scrollY,
});

describe('followView', () => {
  const followed: BoardView = { scrollX: -300, scrollY: 120, zoom: 2, width: 1280, height: 720 };

  it('gives a screen of the same size exactly the followed view', () => {
    expect(followView(followed, { width: 1280, height: 720 })).toEqual({
      scrollX: -300,
      scrollY: 120,
      zoom: 2,
    });
  });

  it('keeps the same board point in the middle of a screen of another size, at the same zoom', () => {
    const screen = { width: 375, height: 667 };
    const view = followView(followed, screen);
    expect(view.zoom).toBe(2);
    expect(centreOf({ ...view, ...screen })).toEqual(centreOf(followed));
  });
});
