import { DrawableElementSchema, describeElementIssue, drawableOnly, toDrawable } from './scene-elements';
import { ROOM_LIMITS } from './room';
import { anExcalidrawRectangle } from './test-elements';

const refusal = (candidate: unknown) => {
  const parsed = DrawableElementSchema.safeParse(candidate);
  if (parsed.success) throw new Error('accepted');
  return describeElementIssue(parsed.error);
};

describe('DrawableElementSchema', () => {
  it('accepts each element type the board draws, with the fields Excalidraw gives it', () => {
    const drawn = [
      anExcalidrawRectangle(),
      anExcalidrawRectangle({ type: 'diamond' }),
      anExcalidrawRectangle({ type: 'ellipse', boundElements: [{ id: 'a1', type: 'arrow' }] }),
      anExcalidrawRectangle({
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
      anExcalidrawRectangle({
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
      anExcalidrawRectangle({
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
      anExcalidrawRectangle({
        type: 'freedraw',
        points: [
          [0, 0],
          [1, 2],
        ],
        pressures: [],
        simulatePressure: true,
        lastCommittedPoint: null,
      }),
      anExcalidrawRectangle({
        type: 'image',
        status: 'saved',
        fileId: 'f'.repeat(40),
        scale: [1, 1],
        crop: null,
      }),
      anExcalidrawRectangle({ type: 'frame', name: null }),
      anExcalidrawRectangle({ link: 'https://example.com/design?x=1' }),
    ];
    for (const element of drawn) expect(DrawableElementSchema.safeParse(element).error).toBeUndefined();
  });

  it.each(['iframe', 'embeddable', 'magicframe', 'selection', 'script'])(
    'refuses an element of type %s, naming the type',
    (type) => {
      expect(refusal(anExcalidrawRectangle({ type }))).toEqual({
        field: 'type',
        message: expect.stringMatching(/does not accept elements of that type/),
      });
    },
  );

  it('refuses the iframe that carries its own HTML page', () => {
    const iframe = anExcalidrawRectangle({
      type: 'iframe',
      customData: { generationData: { status: 'done', html: '<form>Session expired</form>' } },
    });
    expect(refusal(iframe).field).toBe('type');
  });

  it('refuses markup in customData, even on a rectangle', () => {
    const smuggled = anExcalidrawRectangle({
      customData: { generationData: { status: 'done', html: '<b>x</b>' } },
    });
    expect(refusal(smuggled).field).toMatch(/^customData/);
    expect(
      DrawableElementSchema.safeParse(anExcalidrawRectangle({ customData: { sentAt: 5 } })).success,
    ).toBe(true);
  });

  it('refuses an unknown top-level field, naming it', () => {
    expect(refusal(anExcalidrawRectangle({ onclick: 'x' }))).toEqual({
      field: 'onclick',
      message: 'not an accepted field',
    });
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '//evil.example', 'example.com'])(
    'refuses the link %s',
    (link) => {
      expect(refusal(anExcalidrawRectangle({ link }))).toEqual({
        field: 'link',
        message: 'must be an http(s) URL',
      });
    },
  );

  it('bounds strings', () => {
    expect(refusal(anExcalidrawRectangle({ strokeColor: 'x'.repeat(65) })).field).toBe('strokeColor');
    expect(
      refusal(anExcalidrawRectangle({ type: 'text', text: 'x'.repeat(ROOM_LIMITS.maxElementBytes + 1) }))
        .field,
    ).toBe('text');
  });
});

describe('drawableOnly', () => {
  it('drops the types a board must not render and strips integration data', () => {
    const kept = drawableOnly([
      anExcalidrawRectangle({ id: 'a' }),
      anExcalidrawRectangle({ id: 'b', type: 'iframe', customData: { generationData: { html: '<b>' } } }),
      anExcalidrawRectangle({ id: 'c', type: 'embeddable', link: 'https://evil.example' }),
      anExcalidrawRectangle({ id: 'd', customData: { any: 'thing' } }),
    ]);
    expect(kept.map((element) => element.id)).toEqual(['a', 'd']);
    expect(kept[1]).not.toHaveProperty('customData');
  });
});

describe('toDrawable', () => {
  it('keeps a drawing as it is', () => {
    const drawing = anExcalidrawRectangle();
    expect(toDrawable(drawing)).toEqual(drawing);
  });

  it('leaves out fields the type does not have, so pasted content is still shared', () => {
    const drawing = anExcalidrawRectangle();
    const pasted = { ...drawing, strokeSharpness: 'round', rawText: 'x', customData: { html: '<b>' } };
    const shared = toDrawable(pasted);
    expect(shared).toEqual(drawing);
    expect(DrawableElementSchema.safeParse(shared).success).toBe(true);
  });

  it('drops a link that is not a web link, and keeps one that is', () => {
    expect(toDrawable(anExcalidrawRectangle({ link: 'javascript:alert(1)' }))?.link).toBeNull();
    expect(toDrawable(anExcalidrawRectangle({ link: 'https://example.com' }))?.link).toBe(
      'https://example.com',
    );
  });

  it('shares no element of a type the board does not draw', () => {
    expect(toDrawable(anExcalidrawRectangle({ type: 'iframe' }))).toBeNull();
    expect(toDrawable(anExcalidrawRectangle({ type: 'embeddable' }))).toBeNull();
  });
});
