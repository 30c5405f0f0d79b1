import dagre from '@dagrejs/dagre';
import type { DiagramNodeKind, ReferenceDiagram } from '@mockboard/contracts';
import { measureText, type TextBox } from './text-metrics';

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode {
  id: string;
  label: string;
  kind: DiagramNodeKind;
  text: TextBox;
  /** Centre of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  index: number;
  from: string;
  to: string;
  label?: string;
  text?: TextBox;
  /** From the border of `from` to the border of `to`; a labelled edge has an odd count with the label's centre in the middle. */
  points: Point[];
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const NODE_FONT_SIZE = 20;
export const EDGE_FONT_SIZE = 16;
/**
 * Characters per line of a label, by direction. Left to right, every box and arrow label adds to
 * the width (each label takes its own column), so labels wrap short and grow down; top to bottom,
 * the reverse. That keeps the drawing nearer the box it is fitted into, so its text is larger.
 */
const LINE_CHARS = { LR: { node: 12, edge: 10 }, TB: { node: 18, edge: 16 } } as const;
const NODE_PADDING_X = 20;
const NODE_PADDING_Y = 14;
const MIN_NODE_WIDTH = 120;
const MIN_NODE_HEIGHT = 60;
// Text inside an ellipse has only the inscribed rectangle: the box grows by √2 in both directions.
const ELLIPSE_GROWTH = Math.SQRT2;
const EDGE_LABEL_PADDING = 8;
/** Arrows stop this far from a box, as Excalidraw leaves between a bound arrow and its shape. */
export const ARROW_GAP = 4;

/**
 * Places the diagram's boxes and routes its arrows with dagre (a layered graph layout): boxes sized
 * by their labels, arrow labels given their own room so neither overlaps a box. Pure and
 * deterministic: the same diagram always gets the same layout.
 */
export function layoutDiagram(diagram: ReferenceDiagram): DiagramLayout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({
    rankdir: diagram.direction,
    nodesep: 40,
    ranksep: 56,
    edgesep: 24,
    marginx: 24,
    marginy: 24,
  });
  graph.setDefaultEdgeLabel(() => ({}));

  const lineChars = LINE_CHARS[diagram.direction];
  const sized = diagram.nodes.map((node) => {
    const text = measureText(node.label, NODE_FONT_SIZE, lineChars.node);
    const grow = node.kind === 'client' ? ELLIPSE_GROWTH : 1;
    const width = Math.max(MIN_NODE_WIDTH, Math.ceil((text.width + 2 * NODE_PADDING_X) * grow));
    const height = Math.max(MIN_NODE_HEIGHT, Math.ceil((text.height + 2 * NODE_PADDING_Y) * grow));
    graph.setNode(node.id, { width, height });
    return { node, text, width, height };
  });

  const edgeTexts = diagram.edges.map((edge, index) => {
    const text = edge.label ? measureText(edge.label, EDGE_FONT_SIZE, lineChars.edge) : undefined;
    graph.setEdge(
      edge.from,
      edge.to,
      text
        ? {
            width: text.width + 2 * EDGE_LABEL_PADDING,
            height: text.height + 2 * EDGE_LABEL_PADDING,
            labelpos: 'c',
          }
        : {},
      edgeName(index),
    );
    return text;
  });

  dagre.layout(graph);

  const nodes: PlacedNode[] = sized.map(({ node, text, width, height }) => {
    const placed = graph.node(node.id);
    return { ...node, text, x: placed.x ?? 0, y: placed.y ?? 0, width, height };
  });
  const byId = new Map(nodes.map((node) => [node.id, node]));

  const edges: PlacedEdge[] = diagram.edges.map((edge, index) => {
    const routed = graph.edge({ v: edge.from, w: edge.to, name: edgeName(index) });
    const from = byId.get(edge.from)!;
    const to = byId.get(edge.to)!;
    const text = edgeTexts[index];
    let points = (routed.points ?? []).map((point: Point) => ({ x: point.x, y: point.y }));
    if (points.length < 2) points = [centre(from), centre(to)];
    // dagre stops arrows at the bounding box; an ellipse's border is inside it, so both ends are
    // re-clipped against the real shape, with the gap Excalidraw keeps for bound arrows.
    points[0] = border(from, points[1]!);
    points[points.length - 1] = border(to, points[points.length - 2]!);
    if (text && routed.x !== undefined && routed.y !== undefined) {
      points = centreOn(points, { x: routed.x, y: routed.y });
    }
    return { index, from: edge.from, to: edge.to, label: edge.label, text, points };
  });

  const size = graph.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges };
}

const edgeName = (index: number) => `e${index}`;

const centre = (node: PlacedNode): Point => ({ x: node.x, y: node.y });

/** Where the line from the node's centre towards `toward` leaves the node's shape, plus the gap. */
function border(node: PlacedNode, toward: Point): Point {
  const dx = toward.x - node.x;
  const dy = toward.y - node.y;
  if (dx === 0 && dy === 0) return centre(node);
  const halfWidth = node.width / 2 + ARROW_GAP;
  const halfHeight = node.height / 2 + ARROW_GAP;
  const scale =
    node.kind === 'client'
      ? 1 / Math.sqrt((dx / halfWidth) ** 2 + (dy / halfHeight) ** 2)
      : Math.min(
          dx === 0 ? Infinity : halfWidth / Math.abs(dx),
          dy === 0 ? Infinity : halfHeight / Math.abs(dy),
        );
  return { x: round(node.x + dx * scale), y: round(node.y + dy * scale) };
}

/**
 * Excalidraw draws an arrow's label at its middle point (odd count) or the middle of its middle
 * segment (even count). So the point dagre reserved for the label goes in the middle: the shorter
 * side gets its longest segments split until both sides have as many points.
 */
function centreOn(points: Point[], label: Point): Point[] {
  let at = 0;
  points.forEach((point, index) => {
    if (distance(point, label) < distance(points[at]!, label)) at = index;
  });
  if (at === 0 || at === points.length - 1) {
    // The label is not on the route (a short edge): put it there.
    const before = points.slice(0, 1);
    const after = points.slice(-1);
    return [...before, label, ...after];
  }
  let before = points.slice(0, at);
  let after = points.slice(at + 1);
  while (before.length < after.length) before = splitLongest(before.concat(label)).slice(0, -1);
  while (after.length < before.length) after = splitLongest([label, ...after]).slice(1);
  return [...before, label, ...after];
}

function splitLongest(points: Point[]): Point[] {
  let longest = 0;
  for (let index = 1; index < points.length - 1; index += 1) {
    if (distance(points[index]!, points[index + 1]!) > distance(points[longest]!, points[longest + 1]!))
      longest = index;
  }
  const a = points[longest]!;
  const b = points[longest + 1]!;
  const middle = { x: round((a.x + b.x) / 2), y: round((a.y + b.y) / 2) };
  return [...points.slice(0, longest + 1), middle, ...points.slice(longest + 1)];
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const round = (value: number) => Math.round(value * 100) / 100;
