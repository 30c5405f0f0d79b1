import { ROOM_PALETTE, roomColourOf } from './room-colours';

/** CIE76 distance between two sRGB colours: about 2.3 is barely noticeable, over 40 is another hue. */
function deltaE(a: string, b: string): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

function lab(hex: string): [number, number, number] {
  const linear = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r, g, b] = linear as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((t * 24389) / 27 + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

describe('room colours', () => {
  it('gives the two people of an interview colours far apart, whatever their ids', () => {
    // These two ids shared a colour under the old 8-colour hash of the user id.
    const pair = ['user-a', 'user-i'];
    const [first, second] = pair.map((id) => roomColourOf(pair, id));
    expect(first).not.toBe(second);
    expect(deltaE(first!, second!)).toBeGreaterThan(60);
  });

  it('keeps every pair among the first four people clearly apart', () => {
    const people = ['p1', 'p2', 'p3', 'p4'];
    const colours = people.map((id) => roomColourOf(people, id));
    for (const [i, a] of colours.entries()) {
      for (const b of colours.slice(i + 1)) expect(deltaE(a, b)).toBeGreaterThan(30);
    }
  });

  it('is the same on every join: it depends on the participant list, not on who asks first', () => {
    const pair = ['3f0c…-candidate', '91ab…-interviewer'];
    expect(roomColourOf(pair, pair[1]!)).toBe(roomColourOf([...pair], pair[1]!));
    expect(roomColourOf(pair, pair[0]!)).toBe(ROOM_PALETTE[0]);
    expect(roomColourOf(pair, pair[1]!)).toBe(ROOM_PALETTE[1]);
  });

  it('gives an observer a colour that no participant has, the same each time', () => {
    const pair = ['alex', 'sam'];
    const partners = pair.map((id) => roomColourOf(pair, id));
    for (const observer of ['admin-1', 'admin-2', 'alex-admin', 'zz']) {
      const colour = roomColourOf(pair, observer);
      expect(partners).not.toContain(colour);
      expect(roomColourOf(pair, observer)).toBe(colour);
    }
  });

  it('still gives a colour in a room larger than the palette', () => {
    const crowd = Array.from({ length: ROOM_PALETTE.length + 2 }, (_, i) => `person-${i}`);
    for (const id of [...crowd, 'observer']) expect(ROOM_PALETTE).toContain(roomColourOf(crowd, id));
  });
});
