import { z } from 'zod';
import { ROOM_LIMITS } from './room';

/**
 * The element types our board creates (Excalidraw 0.18's toolbar, minus what the room hides):
 * shapes, lines, arrows, freehand, text, pasted images and frames. Never `iframe` or `embeddable`:
 * Excalidraw renders those as iframes (an `iframe` with `customData.generationData.html` as a
 * sandboxed document whose popups may leave the sandbox), so a partner could put their own page
 * into your room and its replay.
 */
export const DRAWABLE_ELEMENT_TYPES = [
  'rectangle',
  'diamond',
  'ellipse',
  'arrow',
  'line',
  'freedraw',
  'text',
  'image',
  'frame',
] as const;
export type DrawableElementType = (typeof DRAWABLE_ELEMENT_TYPES)[number];

const DRAWABLE_TYPES: ReadonlySet<string> = new Set(DRAWABLE_ELEMENT_TYPES);

/** Whether an element of this type may be on a board (for filtering what was stored before the allow-list). */
export const isDrawableType = (type: unknown): boolean =>
  typeof type === 'string' && DRAWABLE_TYPES.has(type);

const finite = z.number().finite();
const shortText = z.string().max(64);
const elementId = z.string().min(1).max(64);
const point = z.tuple([finite, finite]);
const points = z.array(point).max(20_000);

/** Only web links: `javascript:`, `data:` and the like would run or render when clicked. */
const WebLinkSchema = z
  .string()
  .max(2_048)
  .refine((link) => /^https?:\/\/[^\s]+$/i.test(link), { message: 'must be an http(s) URL' });

/**
 * Excalidraw keeps integrations' data in `customData`; the board itself sets none. Only a few
 * plain numbers or flags pass (the realtime benchmark's send time rides there): never text, so
 * no markup (e.g. `generationData.html`) can travel in it.
 */
const CustomDataSchema = z
  .record(z.string().max(32), z.union([finite, z.boolean()]))
  .refine((data) => Object.keys(data).length <= 8, { message: 'at most 8 entries' });

const BindingSchema = z.object({
  elementId,
  focus: finite.optional(),
  gap: finite.optional(),
  fixedPoint: point.nullable().optional(),
});

/** The fields every Excalidraw element carries (`_ExcalidrawElementBase` in its types). */
const base = {
  id: elementId,
  version: z.number().int().min(1).max(2_147_483_647),
  versionNonce: z.number().int(),
  isDeleted: z.boolean(),
  index: z.string().max(200).nullable().optional(),
  x: finite,
  y: finite,
  width: finite,
  height: finite,
  angle: finite.optional(),
  strokeColor: shortText.optional(),
  backgroundColor: shortText.optional(),
  fillStyle: shortText.optional(),
  strokeWidth: finite.optional(),
  strokeStyle: shortText.optional(),
  roughness: finite.optional(),
  opacity: finite.optional(),
  roundness: z.object({ type: finite, value: finite.optional() }).nullable().optional(),
  seed: finite.optional(),
  groupIds: z.array(elementId).max(100).optional(),
  frameId: elementId.nullable().optional(),
  boundElements: z
    .array(z.object({ id: elementId, type: z.enum(['arrow', 'text']) }))
    .max(1_000)
    .nullable()
    .optional(),
  updated: finite.optional(),
  link: WebLinkSchema.nullable().optional(),
  locked: z.boolean().optional(),
  customData: CustomDataSchema.optional(),
};

const linear = {
  ...base,
  points: points.optional(),
  lastCommittedPoint: point.nullable().optional(),
  startBinding: BindingSchema.nullable().optional(),
  endBinding: BindingSchema.nullable().optional(),
  startArrowhead: shortText.nullable().optional(),
  endArrowhead: shortText.nullable().optional(),
};

const element = <T extends DrawableElementType, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

/**
 * A scene element as a client may send it: one of the drawable types, each with exactly the
 * fields Excalidraw 0.18 gives it (see `newElement`, `restoreElement` in @excalidraw/excalidraw).
 * Unknown fields are refused, not stripped, so the sender learns which one.
 */
export const DrawableElementSchema = z.discriminatedUnion(
  'type',
  [
    element('rectangle', base),
    element('diamond', base),
    element('ellipse', base),
    element('line', { ...linear, polygon: z.boolean().optional() }),
    element('arrow', {
      ...linear,
      elbowed: z.boolean().optional(),
      fixedSegments: z
        .array(z.object({ start: point, end: point, index: z.number().int() }))
        .max(1_000)
        .nullable()
        .optional(),
      startIsSpecial: z.boolean().nullable().optional(),
      endIsSpecial: z.boolean().nullable().optional(),
    }),
    element('freedraw', {
      ...base,
      points: points.optional(),
      pressures: z.array(finite).max(20_000).optional(),
      simulatePressure: z.boolean().optional(),
      lastCommittedPoint: point.nullable().optional(),
    }),
    element('text', {
      ...base,
      // Bounded by the element's own cap (ROOM_LIMITS.maxElementBytes), checked on its JSON.
      text: z.string().max(ROOM_LIMITS.maxElementBytes).optional(),
      originalText: z.string().max(ROOM_LIMITS.maxElementBytes).optional(),
      fontSize: finite.optional(),
      fontFamily: finite.optional(),
      textAlign: shortText.optional(),
      verticalAlign: shortText.optional(),
      containerId: elementId.nullable().optional(),
      autoResize: z.boolean().optional(),
      lineHeight: finite.optional(),
    }),
    element('image', {
      ...base,
      fileId: z.string().max(128).nullable().optional(),
      status: z.enum(['pending', 'saved', 'error']).optional(),
      scale: point.optional(),
      crop: z
        .object({
          x: finite,
          y: finite,
          width: finite,
          height: finite,
          naturalWidth: finite,
          naturalHeight: finite,
        })
        .nullable()
        .optional(),
    }),
    element('frame', { ...base, name: z.string().max(200).nullable().optional() }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `this board does not accept elements of that type (only ${DRAWABLE_ELEMENT_TYPES.join(', ')})`
        : undefined,
  },
);
export type DrawableElement = z.infer<typeof DrawableElementSchema>;

/** The fields each drawable type may carry, read off its schema. */
const FIELDS_BY_TYPE: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  DrawableElementSchema.options.map((option) => [
    option.shape.type.value,
    new Set(Object.keys(option.shape)),
  ]),
);

/**
 * An element as this board shares it: only the fields its type has (content pasted from another
 * Excalidraw may carry legacy or newer ones), a link only when it is a web link, customData only
 * when it is plain numbers or flags. null for a type the board does not draw. So a real drawing is
 * never refused for a field the room does not need.
 */
export function toDrawable<T extends { type: string }>(element: T): T | null {
  const fields = FIELDS_BY_TYPE.get(element.type);
  if (!fields) return null;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) if (fields.has(key)) kept[key] = value;
  if (typeof kept.link === 'string' && !WebLinkSchema.safeParse(kept.link).success) kept.link = null;
  if ('customData' in kept && !CustomDataSchema.safeParse(kept.customData).success) delete kept.customData;
  return kept as T;
}

/** A refusal of DrawableElementSchema in words: the field (or type) and what is wrong with it. */
export function describeElementIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'is malformed' };
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys')
    return { field: [...at, issue.keys[0] ?? ''].join('.'), message: 'not an accepted field' };
  if (issue.code === 'invalid_union' && at.length === 0) {
    return { field: 'type', message: issue.message };
  }
  return { field: at.join('.'), message: issue.message };
}

/**
 * What a board may show of elements stored or relayed by others: only drawable types, and no
 * integration data. Old scenes and replay logs from before the allow-list may hold an iframe.
 */
export function drawableOnly<T extends { type: string }>(elements: readonly T[]): T[] {
  const kept: T[] = [];
  for (const candidate of elements) {
    if (!isDrawableType(candidate.type)) continue;
    if ('customData' in candidate) {
      const { customData: _ignored, ...rest } = candidate as T & { customData?: unknown };
      kept.push(rest as T);
    } else kept.push(candidate);
  }
  return kept;
}
