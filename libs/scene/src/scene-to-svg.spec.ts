import { sceneToSvg } from './scene-to-svg';

let counter = 0;
function anElement(type: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    id: `el-${counter}`,
    type,
    x: 0,
    y: 0,
    width: 100,
    height: 50,
    angle: 0,
    strokeColor: '#1e1e1e',
    backgroundColor: 'transparent',
    fillStyle: 'solid',
    strokeWidth: 2,
    strokeStyle: 'solid',
    roundness: null,
    opacity: 100,
    version: 1,
    versionNonce: 1,
    isDeleted: false,
    ...overrides,
  };
}

function viewBox(svg: string): number[] {
  const match = /viewBox="([^"]+)"/.exec(svg);
  if (!match) throw new Error('no viewBox');
  return match[1]!.split(' ').map(Number);
}

/** Tags open and close in order: a small well-formedness check without an XML parser. */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const [tag, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
    expect(tag).not.toMatch(/<[^>]*</);
  }
  expect(stack).toEqual([]);
  // Outside tags only text and entities remain: no stray '<' or unescaped '&'.
  const text = svg.replace(/<[^>]*>/g, '');
  expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
}

describe('sceneToSvg', () => {
  it('writes a standalone SVG document with the namespace and a white board behind the drawing', () => {
    const svg = sceneToSvg([anElement('rectangle')]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('fill="#ffffff"');
    expectWellFormed(svg);
  });

  it('computes the viewBox from the bounds of the drawing, its stroke and the padding', () => {
    const svg = sceneToSvg([anElement('rectangle', { x: 10, y: 20, width: 100, height: 50 })], {
      padding: 10,
    });
    // 10 − 1 (half the 2px stroke) − 10 padding = −1; width 100 + 2 + 20.
    expect(viewBox(svg)).toEqual([-1, 9, 122, 72]);
    expect(svg).toContain('width="122" height="72"');
  });

  it('spans every element, including negative coordinates', () => {
    const svg = sceneToSvg(
      [
        anElement('rectangle', { x: -200, y: -100, width: 10, height: 10, strokeWidth: 0 }),
        anElement('ellipse', { x: 300, y: 400, width: 100, height: 100, strokeWidth: 0 }),
      ],
      { padding: 0 },
    );
    expect(viewBox(svg)).toEqual([-200, -100, 600, 600]);
  });

  it('gives an empty scene a small board that says nothing was drawn', () => {
    const svg = sceneToSvg([]);
    expect(viewBox(svg)).toEqual([0, 0, 200, 120]);
    expect(svg).toContain('>Nothing was drawn</text>');
    expectWellFormed(svg);
    // A board with only deleted elements is empty too; one with a drawing says nothing of the kind.
    expect(sceneToSvg([anElement('rectangle', { isDeleted: true })])).toContain('Nothing was drawn');
    expect(sceneToSvg([anElement('rectangle', {})])).not.toContain('Nothing was drawn');
  });

  it('leaves deleted elements out of the drawing and of the bounds', () => {
    const svg = sceneToSvg(
      [
        anElement('rectangle', { x: 0, y: 0, width: 10, height: 10, strokeWidth: 0 }),
        anElement('rectangle', { x: 5000, y: 5000, width: 10, height: 10, isDeleted: true }),
      ],
      { padding: 0 },
    );
    expect(svg.match(/<rect /g)).toHaveLength(2); // the board and the live rectangle
    expect(viewBox(svg)).toEqual([0, 0, 10, 10]);
  });

  it('draws rectangles with Excalidraw corner radii when rounded', () => {
    expect(
      sceneToSvg([anElement('rectangle', { width: 100, height: 40, roundness: { type: 3 } })]),
    ).toContain('rx="10"');
    expect(
      sceneToSvg([anElement('rectangle', { width: 400, height: 200, roundness: { type: 3 } })]),
    ).toContain('rx="32"');
    expect(sceneToSvg([anElement('rectangle')])).not.toContain(' rx=');
  });

  it('draws an ellipse from its box and a diamond through the midpoints of its sides', () => {
    expect(sceneToSvg([anElement('ellipse', { x: 10, y: 10, width: 100, height: 50 })])).toContain(
      '<ellipse cx="60" cy="35" rx="50" ry="25"',
    );
    expect(sceneToSvg([anElement('diamond', { x: 0, y: 0, width: 100, height: 50 })])).toContain(
      '<polygon points="50,0 100,25 50,50 0,25"',
    );
  });

  it('rotates an element about its centre and bounds the rotated shape', () => {
    const svg = sceneToSvg(
      [anElement('rectangle', { x: 0, y: 0, width: 100, height: 20, angle: Math.PI / 2, strokeWidth: 0 })],
      { padding: 0 },
    );
    expect(svg).toContain('transform="rotate(90 50 10)"');
    // A 100×20 box turned a quarter about (50, 10) spans x 40–60 and y −40–60.
    expect(viewBox(svg)).toEqual([40, -40, 20, 100]);
  });

  it('draws a line through its points, relative to its position', () => {
    const svg = sceneToSvg([
      anElement('line', {
        x: 10,
        y: 10,
        points: [
          [0, 0],
          [50, 0],
          [50, 40],
        ],
      }),
    ]);
    expect(svg).toContain('<path d="M10 10 L60 10 L60 50" fill="none"');
    expect(svg).not.toContain('<polyline');
  });

  it('curves a rounded line through its points', () => {
    const svg = sceneToSvg([
      anElement('line', {
        roundness: { type: 2 },
        points: [
          [0, 0],
          [50, 50],
          [100, 0],
        ],
      }),
    ]);
    expect(svg).toMatch(/<path d="M0 0 C[^"]+ 50 50 C[^"]+ 100 0"/);
  });

  it('fills a closed line with its background', () => {
    const svg = sceneToSvg([
      anElement('line', {
        backgroundColor: '#a5d8ff',
        points: [
          [0, 0],
          [50, 0],
          [50, 50],
          [0, 0],
        ],
      }),
    ]);
    expect(svg).toContain('fill="#a5d8ff"');
  });

  it('ends an arrow in an open arrowhead pointing along its last segment', () => {
    const svg = sceneToSvg([
      anElement('arrow', {
        x: 0,
        y: 0,
        points: [
          [0, 0],
          [100, 0],
        ],
        endArrowhead: 'arrow',
      }),
    ]);
    const head = /<polyline points="([^"]+)"/.exec(svg);
    expect(head).not.toBeNull();
    const [wingA, tip, wingB] = head![1]!.split(' ').map((pair) => pair.split(',').map(Number));
    expect(tip).toEqual([100, 0]);
    expect(wingA![0]).toBeLessThan(100);
    expect(wingB![0]).toBeLessThan(100);
    expect(wingA![1]).toBeCloseTo(-wingB![1]!);
  });

  it('draws an arrowhead at the start when asked, and none where it is null', () => {
    const both = sceneToSvg([
      anElement('arrow', {
        points: [
          [0, 0],
          [100, 0],
        ],
        startArrowhead: 'triangle',
        endArrowhead: 'dot',
      }),
    ]);
    expect(both).toMatch(/<polygon points="0,0 /);
    expect(both).toContain('<circle ');
    const none = sceneToSvg([
      anElement('arrow', {
        points: [
          [0, 0],
          [100, 0],
        ],
        endArrowhead: null,
      }),
    ]);
    expect(none).not.toContain('<polyline');
    expect(none).not.toContain('<polygon');
  });

  it('gives an arrow an end arrowhead by default, as Excalidraw does', () => {
    const element = anElement('arrow', {
      points: [
        [0, 0],
        [0, 100],
      ],
    });
    delete element.endArrowhead;
    expect(sceneToSvg([element])).toContain('<polyline');
  });

  it('keeps the arrowhead of a short arrow within half its length', () => {
    const svg = sceneToSvg([
      anElement('arrow', {
        points: [
          [0, 0],
          [10, 0],
        ],
        endArrowhead: 'arrow',
      }),
    ]);
    const [wing] = /<polyline points="([^"]+)"/.exec(svg)![1]!.split(' ');
    expect(Number(wing!.split(',')[0])).toBeGreaterThanOrEqual(5);
  });

  it('draws a pen stroke as one smooth path', () => {
    const svg = sceneToSvg([
      anElement('freedraw', {
        x: 5,
        y: 5,
        points: [
          [0, 0],
          [10, 5],
          [20, 0],
          [30, 5],
        ],
      }),
    ]);
    expect(svg).toMatch(/<path d="M5 5 Q15 10 20 7.5 Q25 5 30 7.5 L35 10" fill="none"/);
  });

  it('writes text line by line, escaped, with its alignment and colour', () => {
    const svg = sceneToSvg([
      anElement('text', {
        text: 'Cache <script>alert("x")</script>\nR & W',
        fontSize: 20,
        lineHeight: 1.25,
        textAlign: 'center',
        strokeColor: '#e03131',
        x: 0,
        y: 0,
        width: 200,
      }),
    ]);
    expect(svg).toContain('text-anchor="middle"');
    expect(svg).toContain('fill="#e03131"');
    expect(svg).toContain(
      '<tspan x="100" y="12.5">Cache &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</tspan><tspan x="100" y="37.5">R &amp; W</tspan>',
    );
    expect(svg).not.toContain('<script');
    expectWellFormed(svg);
  });

  it('drops control characters that XML forbids even when escaped', () => {
    const svg = sceneToSvg([anElement('text', { text: 'bell\u0007 null\u0000 tab\tok' })]);
    expect(svg).toContain('>bell null tab\tok</tspan>');
  });

  it('draws an image as a labelled placeholder box, never fetching the file', () => {
    const svg = sceneToSvg([anElement('image', { fileId: 'abc', width: 120, height: 80 })]);
    expect(svg).toContain('stroke-dasharray="4 4"');
    expect(svg).toContain('>image</text>');
    expect(svg).not.toContain('<image');
    expect(svg).not.toContain('abc');
  });

  it('never lets a crafted colour break out of its attribute', () => {
    const svg = sceneToSvg([
      anElement('rectangle', {
        strokeColor: '#000" onload="alert(1)',
        backgroundColor: 'url(javascript:alert(1))',
      }),
    ]);
    expect(svg).not.toContain('onload');
    expect(svg).not.toContain('javascript');
    expect(svg).toContain('stroke="#1e1e1e"');
    expectWellFormed(svg);
  });

  it('accepts the colour forms Excalidraw stores', () => {
    for (const value of ['#abc', '#a5d8ff', '#a5d8ff80', 'red', 'rgb(1, 2, 3)', 'rgba(1,2,3,0.5)']) {
      expect(sceneToSvg([anElement('rectangle', { strokeColor: value })])).toContain(`stroke="${value}"`);
    }
  });

  it('hatches non-solid fills with one shared pattern per colour and style', () => {
    const svg = sceneToSvg([
      anElement('rectangle', { backgroundColor: '#ffc9c9', fillStyle: 'hachure' }),
      anElement('ellipse', { backgroundColor: '#ffc9c9', fillStyle: 'hachure' }),
      anElement('diamond', { backgroundColor: '#ffc9c9', fillStyle: 'cross-hatch' }),
    ]);
    expect(svg.match(/<pattern /g)).toHaveLength(2);
    expect(svg.match(/fill="url\(#fill-1\)"/g)).toHaveLength(2);
    expect(svg).toContain('fill="url(#fill-2)"');
    expectWellFormed(svg);
  });

  it('dashes and dots strokes and applies opacity', () => {
    expect(sceneToSvg([anElement('rectangle', { strokeStyle: 'dashed' })])).toContain(
      'stroke-dasharray="8 10"',
    );
    expect(sceneToSvg([anElement('rectangle', { strokeStyle: 'dotted' })])).toContain(
      'stroke-dasharray="1.5 8"',
    );
    expect(sceneToSvg([anElement('rectangle', { opacity: 40 })])).toContain('opacity="0.4"');
  });

  it('paints in fractional-index order, then unindexed elements in their given order', () => {
    const svg = sceneToSvg([
      anElement('ellipse', { index: 'a2' }),
      anElement('diamond'),
      anElement('rectangle', { index: 'a1' }),
    ]);
    const order = ['<rect x="0"', '<ellipse', '<polygon'].map((tag) => svg.indexOf(tag));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('skips unknown types and malformed elements without failing', () => {
    const svg = sceneToSvg(
      [
        null,
        'text',
        anElement('frame'),
        anElement('constructor'),
        anElement('__proto__'),
        anElement('rectangle', { x: Number.NaN }),
        anElement('line', { points: 'nope' }),
        anElement('arrow', {
          points: [
            [0, 0],
            ['x', 1],
          ],
        }),
        anElement('text', { text: 42, fontSize: 'huge' }),
      ],
      { padding: 0 },
    );
    expectWellFormed(svg);
    expect(svg).not.toContain('<path');
    expect(svg).toContain('<text');
  });

  it('writes an escaped title and can leave the background transparent', () => {
    const svg = sceneToSvg([anElement('rectangle')], { title: 'URL <shortener>', background: null });
    expect(svg).toContain('<title>URL &lt;shortener&gt;</title>');
    expect(svg).not.toContain('fill="#ffffff"');
  });
});
