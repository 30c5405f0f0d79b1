import { z } from 'zod';
import { DrawableElementSchema } from './scene-elements';

/**
 * A prompt's reference design as data (`prompts/<id>.diagram.yaml`): boxes and arrows only. The
 * layout and the look are computed (libs/diagrams), so the file holds no coordinates, sizes or colours.
 */
export const DIAGRAM_NODE_KINDS = ['client', 'service', 'store', 'cache', 'queue', 'external'] as const;
export type DiagramNodeKind = (typeof DIAGRAM_NODE_KINDS)[number];

/**
 * How each kind of component looks (Excalidraw's palette, one hue per kind): the scene renderer in
 * libs/diagrams draws with it and the web app's legend explains it.
 */
export const DIAGRAM_KIND_LOOK: Record<
  DiagramNodeKind,
  {
    shape: 'rectangle' | 'ellipse';
    strokeColor: string;
    backgroundColor: string;
    strokeStyle: 'solid' | 'dashed';
    rounded: boolean;
    /** For the legend. */
    name: string;
  }
> = {
  client: {
    shape: 'ellipse',
    strokeColor: '#1971c2',
    backgroundColor: '#a5d8ff',
    strokeStyle: 'solid',
    rounded: false,
    name: 'Client',
  },
  service: {
    shape: 'rectangle',
    strokeColor: '#1e1e1e',
    backgroundColor: '#ffffff',
    strokeStyle: 'solid',
    rounded: true,
    name: 'Service',
  },
  store: {
    shape: 'rectangle',
    strokeColor: '#2f9e44',
    backgroundColor: '#b2f2bb',
    strokeStyle: 'solid',
    rounded: false,
    name: 'Database / store',
  },
  cache: {
    shape: 'rectangle',
    strokeColor: '#e8590c',
    backgroundColor: '#ffd8a8',
    strokeStyle: 'solid',
    rounded: true,
    name: 'Cache',
  },
  queue: {
    shape: 'rectangle',
    strokeColor: '#6741d9',
    backgroundColor: '#d0bfff',
    strokeStyle: 'solid',
    rounded: false,
    name: 'Queue / log',
  },
  external: {
    shape: 'rectangle',
    strokeColor: '#868e96',
    backgroundColor: '#f1f3f5',
    strokeStyle: 'dashed',
    rounded: true,
    name: 'Third party',
  },
};

export const DIAGRAM_LIMITS = {
  minNodes: 3,
  maxNodes: 24,
  maxNodeLabel: 48,
  maxEdgeLabel: 32,
  // Enough for a dense design; a file beyond it is more likely pasted by mistake.
  maxEdges: 64,
} as const;

const kebabId = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const DiagramNodeSchema = z.strictObject({
  id: z
    .string({ error: 'is required: a kebab-case id such as "api" or "click-workers"' })
    .regex(kebabId, { message: 'must be kebab-case (lower-case letters, digits and single hyphens)' })
    // Scene element ids are derived from it and capped at 64 characters.
    .max(40, { message: 'must be at most 40 characters' }),
  label: z
    .string({ error: 'is required: the name shown in the box' })
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(DIAGRAM_LIMITS.maxNodeLabel, {
      message: `must be at most ${DIAGRAM_LIMITS.maxNodeLabel} characters`,
    }),
  kind: z.enum(DIAGRAM_NODE_KINDS, {
    error: `must be one of ${DIAGRAM_NODE_KINDS.join(', ')}`,
  }),
});
export type DiagramNode = z.infer<typeof DiagramNodeSchema>;

export const DiagramEdgeSchema = z.strictObject({
  from: z.string({ error: 'is required: the id of the node the arrow starts at' }),
  to: z.string({ error: 'is required: the id of the node the arrow points to' }),
  label: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty (leave it out for an arrow without a label)' })
    .max(DIAGRAM_LIMITS.maxEdgeLabel, {
      message: `must be at most ${DIAGRAM_LIMITS.maxEdgeLabel} characters`,
    })
    .optional(),
});
export type DiagramEdge = z.infer<typeof DiagramEdgeSchema>;

export const DIAGRAM_DIRECTIONS = ['LR', 'TB'] as const;

const listedIds = (nodes: readonly DiagramNode[]): string => {
  const ids = nodes.map((node) => node.id);
  return ids.length > 12 ? `${ids.slice(0, 12).join(', ')}, …` : ids.join(', ');
};

export const ReferenceDiagramSchema = z
  .strictObject({
    direction: z
      .enum(DIAGRAM_DIRECTIONS, { error: 'must be LR (left to right) or TB (top to bottom)' })
      .default('LR'),
    nodes: z
      .array(DiagramNodeSchema, { error: 'is required: a list of { id, label, kind }' })
      .min(DIAGRAM_LIMITS.minNodes, { message: `must list at least ${DIAGRAM_LIMITS.minNodes} nodes` })
      .max(DIAGRAM_LIMITS.maxNodes, {
        message: `must list at most ${DIAGRAM_LIMITS.maxNodes} nodes: keep the high-level design`,
      }),
    edges: z
      .array(DiagramEdgeSchema, { error: 'is required: a list of { from, to, label? }' })
      .min(1, { message: 'must list at least one edge' })
      .max(DIAGRAM_LIMITS.maxEdges, { message: `must list at most ${DIAGRAM_LIMITS.maxEdges} edges` }),
  })
  .superRefine((diagram, context) => {
    // The graph's own rules, each reported at the field an author must change.
    const seen = new Set<string>();
    diagram.nodes.forEach((node, index) => {
      if (seen.has(node.id)) {
        context.addIssue({
          code: 'custom',
          path: ['nodes', index, 'id'],
          message: `repeats the id "${node.id}"; node ids must be unique`,
        });
      }
      seen.add(node.id);
    });
    const connected = new Set<string>();
    diagram.edges.forEach((edge, index) => {
      for (const end of ['from', 'to'] as const) {
        if (!seen.has(edge[end])) {
          context.addIssue({
            code: 'custom',
            path: ['edges', index, end],
            message: `names no node ("${edge[end]}"); nodes are: ${listedIds(diagram.nodes)}`,
          });
        }
      }
      if (edge.from === edge.to) {
        context.addIssue({
          code: 'custom',
          path: ['edges', index, 'to'],
          message: `is the same node as from ("${edge.from}"); an arrow must join two nodes`,
        });
      }
      connected.add(edge.from).add(edge.to);
    });
    diagram.nodes.forEach((node, index) => {
      if (!connected.has(node.id)) {
        context.addIssue({
          code: 'custom',
          path: ['nodes', index],
          message: `"${node.id}" has no edge; connect it or leave it out`,
        });
      }
    });
  });
export type ReferenceDiagram = z.infer<typeof ReferenceDiagramSchema>;

/** GET /prompts/:id/diagram and GET /sessions/:id/rounds/:number/diagram: the data and its rendered scene. */
export const ReferenceDiagramViewSchema = z.object({
  promptId: z.string(),
  promptTitle: z.string(),
  diagram: ReferenceDiagramSchema,
  /** Excalidraw elements laid out by libs/diagrams; the same the board accepts. */
  elements: z.array(DrawableElementSchema),
});
export type ReferenceDiagramView = z.infer<typeof ReferenceDiagramViewSchema>;
