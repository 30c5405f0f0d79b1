import { DrawableElementSchema, describeElementIssue, drawableOnly, toDrawable } from './scene-elements';
import { ROOM_LIMITS } from './room';

/** A rectangle as Excalidraw 0.18 creates it (newElement), every field present. */
const aRectangle = (overrides: Record<string, unknown> = {}) => ({
  id: 'r1',
  type: 'rectangle',
  x: 10,
  y: 20,
  width: 100,
  height: 60,
  angle: 0,
  strokeColor: '#1e1e1e',
  backgroundColor: 'transparent',
  fillStyle: 'solid',
  strokeWidth: 2,
  strokeStyle: 'solid',
  roughness: 1,
  opacity: 100,
  groupIds: [],
  frameId: null,
  index: 'a0',
  roundness: { type: 3 },
  seed: 42,
  version: 3,
  versionNonce: 99,
  isDeleted: false,
  boundElements: null,
  updated: 1_700_000_000_000,
  link: null,
  locked: false,
  ...overrides,
});

const refusal = (candidate: unknown) => {
  const parsed = DrawableElementSchema.safeParse(candidate);
  if (parsed.success) throw new Error('accepted');
  return describeElementIssue(parsed.error);
};

describe('DrawableElementSchema', () => {
  it('accepts each element type the board draws, with the fields Excalidraw gives it', () => {
    const drawn = [
      aRectangle(),
      aRectangle({ type: 'diamond' }),
      aRectangle({ type: 'ellipse', boundElements: [{ id: 'a1', type: 'arrow' }] }),
      aRectangle({
        type: 'text',
        text: 'Cache',
        originalText: 'Cache',
        fontSize: 20,
        fontFamily: 5,
        textAlign: 'left',
        verticalAlign: 'top',
        containerId: null,
        autoResize: true,
        lineHeight: 1.25,
      }),
      aRectangle({
        type: 'arrow',
        points: [
          [0, 0],
          [100, 0],
        ],
        lastCommittedPoint: null,
        startBinding: { elementId: 'r1', focus: 0, gap: 5 },
        endBinding: null,
        startArrowhead: null,
        endArrowhead: 'arrow',
        elbowed: false,
      }),
      aRectangle({
        type: 'line',
        points: [
          [0, 0],
          [5, 5],
        ],
        lastCommittedPoint: null,
        startBinding: null,
        endBinding: null,
        startArrowhead: null,
        endArrowhead: null,
      }),
      aRectangle({
        type: 'freedraw',
        points: [
          [0, 0],
          [1, 2],
        ],
        pressures: [],
        simulatePressure: true,
        lastCommittedPoint: null,
      }),
      aRectangle({ type: 'image', status: 'saved', fileId: 'f'.repeat(40), scale: [1, 1], crop: null }),
      aRectangle({ type: 'frame', name: null }),
      aRectangle({ link: 'https://example.com/design?x=1' }),
    ];
    for (const element of drawn) expect(DrawableElementSchema.safeParse(element).error).toBeUndefined();
  });

  it.each(['iframe', 'embeddable', 'magicframe', 'selection', 'script'])(
    'refuses an element of type %s, naming the type',
    (type) => {
      expect(refusal(aRectangle({ type }))).toEqual({
        field: 'type',
        message: expect.stringMatching(/does not accept elements of that type/),
      });
    },
  );

  it('refuses the iframe that carries its own HTML page', () => {
    const iframe = aRectangle({
      type: 'iframe',
      customData: { generationData: { status: 'done', html: '<form>Session expired</form>' } },
    });
    expect(refusal(iframe).field).toBe('type');
  });

  it('refuses markup in customData, even on a rectangle', () => {
    const smuggled = aRectangle({ customData: { generationData: { status: 'done', html: '<b>x</b>' } } });
    expect(refusal(smuggled).field).toMatch(/^customData/);
    expect(DrawableElementSchema.safeParse(aRectangle({ customData: { sentAt: 5 } })).success).toBe(true);
  });

  it('refuses an unknown top-level field, naming it', () => {
    expect(refusal(aRectangle({ onclick: 'x' }))).toEqual({
      field: 'onclick',
      message: 'not an accepted field',
    });
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '//evil.example', 'example.com'])(
    'refuses the link %s',
    (link) => {
      expect(refusal(aRectangle({ link }))).toEqual({ field: 'link', message: 'must be an http(s) URL' });
    },
  );

  it('bounds strings', () => {
    expect(refusal(aRectangle({ strokeColor: 'x'.repeat(65) })).field).toBe('strokeColor');
    expect(
      refusal(aRectangle({ type: 'text', text: 'x'.repeat(ROOM_LIMITS.maxElementBytes + 1) })).field,
    ).toBe('text');
  });
});

describe('drawableOnly', () => {
  it('drops the types a board must not render and strips integration data', () => {
    const kept = drawableOnly([
      aRectangle({ id: 'a' }),
      aRectangle({ id: 'b', type: 'iframe', customData: { generationData: { html: '<b>' } } }),
      aRectangle({ id: 'c', type: 'embeddable', link: 'https://evil.example' }),
      aRectangle({ id: 'd', customData: { any: 'thing' } }),
    ]);
    expect(kept.map((element) => element.id)).toEqual(['a', 'd']);
    expect(kept[1]).not.toHaveProperty('customData');
  });
});

describe('toDrawable', () => {
  it('keeps a drawing as it is', () => {
    expect(toDrawable(aRectangle())).toEqual(aRectangle());
  });

  it('leaves out fields the type does not have, so pasted content is still shared', () => {
    const pasted = aRectangle({ strokeSharpness: 'round', rawText: 'x', customData: { html: '<b>' } });
    const shared = toDrawable(pasted);
    expect(shared).toEqual(aRectangle());
    expect(DrawableElementSchema.safeParse(shared).success).toBe(true);
  });

  it('drops a link that is not a web link, and keeps one that is', () => {
    expect(toDrawable(aRectangle({ link: 'javascript:alert(1)' }))?.link).toBeNull();
    expect(toDrawable(aRectangle({ link: 'https://example.com' }))?.link).toBe('https://example.com');
  });

  it('shares no element of a type the board does not draw', () => {
    expect(toDrawable(aRectangle({ type: 'iframe' }))).toBeNull();
    expect(toDrawable(aRectangle({ type: 'embeddable' }))).toBeNull();
  });
});
