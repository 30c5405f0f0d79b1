import { DIAGRAM_KIND_LOOK, type DrawableElement, type ReferenceDiagram } from '@mockboard/contracts';
import {
  EDGE_FONT_SIZE,
  NODE_FONT_SIZE,
  ARROW_GAP,
  layoutDiagram,
  type DiagramLayout,
  type PlacedEdge,
  type PlacedNode,
  type Point,
} from './layout-diagram';
import { FONT_FAMILY_EXCALIFONT, LINE_HEIGHT, type TextBox } from './text-metrics';

export const nodeElementId = (nodeId: string) => `node-${nodeId}`;
export const nodeLabelId = (nodeId: string) => `node-${nodeId}-label`;
export const edgeElementId = (index: number) => `edge-${index}`;
export const edgeLabelId = (index: number) => `edge-${index}-label`;

/**
 * The diagram as Excalidraw elements, ready for a read-only board: a shape per node (look by kind)
 * holding its label as bound text, an arrow per edge bound to both nodes and routed through the
 * layout's points, with its label as bound text. Every id, seed and nonce derives from the diagram,
 * so the same file always renders the same scene. Each element passes DrawableElementSchema.
 */
export function diagramToScene(
  diagram: ReferenceDiagram,
  layout: DiagramLayout = layoutDiagram(diagram),
): DrawableElement[] {
  const arrowsAt = new Map<string, string[]>();
  for (const edge of layout.edges) {
    for (const end of [edge.from, edge.to]) {
      const list = arrowsAt.get(end) ?? [];
      if (!list.includes(edgeElementId(edge.index))) list.push(edgeElementId(edge.index));
      arrowsAt.set(end, list);
    }
  }
  const elements: Record<string, unknown>[] = [];
  for (const node of layout.nodes) elements.push(...nodeElements(node, arrowsAt.get(node.id) ?? []));
  for (const edge of layout.edges) elements.push(...edgeElements(edge));
  return elements.map(
    (element, position) => ({ ...element, index: fractionalIndex(position) }) as DrawableElement,
  );
}

function nodeElements(node: PlacedNode, arrowIds: string[]): Record<string, unknown>[] {
  const look = DIAGRAM_KIND_LOOK[node.kind];
  const id = nodeElementId(node.id);
  const labelId = nodeLabelId(node.id);
  const x = round(node.x - node.width / 2);
  const y = round(node.y - node.height / 2);
  const shape = {
    ...common(id),
    type: look.shape,
    x,
    y,
    width: node.width,
    height: node.height,
    strokeColor: look.strokeColor,
    backgroundColor: look.backgroundColor,
    strokeStyle: look.strokeStyle,
    // Excalidraw's roundness types: 3 is the adaptive radius of a rounded rectangle, 2 proportional.
    roundness: look.rounded ? { type: 3 } : look.shape === 'ellipse' ? { type: 2 } : null,
    boundElements: [
      { id: labelId, type: 'text' },
      ...arrowIds.map((arrowId) => ({ id: arrowId, type: 'arrow' })),
    ],
  };
  return [shape, boundText(labelId, id, node.label, node.text, { x: node.x, y: node.y }, NODE_FONT_SIZE)];
}

function edgeElements(edge: PlacedEdge): Record<string, unknown>[] {
  const id = edgeElementId(edge.index);
  const labelId = edgeLabelId(edge.index);
  const [first] = edge.points;
  const origin = first ?? { x: 0, y: 0 };
  const relative = edge.points.map((point) => [round(point.x - origin.x), round(point.y - origin.y)]);
  const xs = relative.map(([x]) => x!);
  const ys = relative.map(([, y]) => y!);
  const arrow = {
    ...common(id),
    type: 'arrow',
    x: round(origin.x),
    y: round(origin.y),
    width: round(Math.max(...xs) - Math.min(...xs)),
    height: round(Math.max(...ys) - Math.min(...ys)),
    strokeColor: '#1e1e1e',
    backgroundColor: 'transparent',
    strokeStyle: 'solid',
    // A curve through the routed points (Excalidraw's roundness type 2 on a linear element).
    roundness: { type: 2 },
    boundElements: edge.label ? [{ id: labelId, type: 'text' }] : null,
    points: relative,
    lastCommittedPoint: null,
    startBinding: { elementId: nodeElementId(edge.from), focus: 0, gap: ARROW_GAP },
    endBinding: { elementId: nodeElementId(edge.to), focus: 0, gap: ARROW_GAP },
    startArrowhead: null,
    endArrowhead: 'arrow',
    elbowed: false,
  };
  if (!edge.label || !edge.text) return [arrow];
  const middle = edge.points[Math.floor(edge.points.length / 2)] ?? origin;
  return [arrow, boundText(labelId, id, edge.label, edge.text, middle, EDGE_FONT_SIZE)];
}

function boundText(
  id: string,
  containerId: string,
  label: string,
  text: TextBox,
  centre: Point,
  fontSize: number,
): Record<string, unknown> {
  return {
    ...common(id),
    type: 'text',
    x: round(centre.x - text.width / 2),
    y: round(centre.y - text.height / 2),
    width: text.width,
    height: text.height,
    strokeColor: '#1e1e1e',
    backgroundColor: 'transparent',
    strokeStyle: 'solid',
    roundness: null,
    boundElements: null,
    text: text.lines.join('\n'),
    originalText: label,
    fontSize,
    fontFamily: FONT_FAMILY_EXCALIFONT,
    textAlign: 'center',
    verticalAlign: 'middle',
    containerId,
    autoResize: true,
    lineHeight: LINE_HEIGHT,
  };
}

/** The fields every element has, with the random ones (seed, nonce) derived from its id. */
function common(id: string) {
  const hash = fnv1a(id);
  return {
    id,
    angle: 0,
    fillStyle: 'solid',
    strokeWidth: 2,
    roughness: 1,
    opacity: 100,
    groupIds: [],
    frameId: null,
    seed: hash,
    version: 1,
    versionNonce: fnv1a(`${id}#nonce`),
    isDeleted: false,
    // A fixed time: the scene is the same on every render, so a snapshot or cache can compare it.
    updated: 1,
    link: null,
    locked: true,
  };
}

/** 32-bit FNV-1a, kept below 2^31 as Excalidraw's own random seeds are. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 2 ** 31;
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Excalidraw orders elements by fractional index strings ("a0" < "a1" < … < "az" < "b00" …), the
 * format of the fractional-indexing package it uses: "a" + one digit, then "b" + two digits.
 */
export function fractionalIndex(position: number): string {
  if (position < DIGITS.length) return `a${DIGITS[position]}`;
  const rest = position - DIGITS.length;
  return `b${DIGITS[Math.floor(rest / DIGITS.length)]}${DIGITS[rest % DIGITS.length]}`;
}

const round = (value: number) => Math.round(value * 100) / 100;
