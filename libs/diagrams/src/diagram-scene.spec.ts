import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DrawableElementSchema, type ReferenceDiagram } from '@mockboard/contracts';
import { parseDiagramFile } from './parse-diagram';
import { layoutDiagram, type DiagramLayout } from './layout-diagram';
import { wrapLabel } from './text-metrics';
import { diagramToScene, edgeElementId, fractionalIndex, nodeElementId } from './diagram-scene';

const PROMPTS_DIR = join(__dirname, '../../../prompts');

function aDiagram(overrides: Partial<ReferenceDiagram> = {}): ReferenceDiagram {
  return {
    direction: 'LR',
    nodes: [
      { id: 'client', label: 'Browser / app', kind: 'client' },
      { id: 'lb', label: 'Load balancer', kind: 'service' },
      { id: 'api', label: 'Redirect + create API with a label long enough to wrap', kind: 'service' },
      { id: 'cache', label: 'Redis (code -> URL)', kind: 'cache' },
      { id: 'db', label: 'PostgreSQL (links)', kind: 'store' },
      { id: 'clicks', label: 'Kafka (click events)', kind: 'queue' },
      { id: 'workers', label: 'Click counter workers', kind: 'service' },
      { id: 'cdn', label: 'CDN', kind: 'external' },
    ],
    edges: [
      { from: 'client', to: 'lb', label: 'GET /{code}' },
      { from: 'client', to: 'cdn', label: 'static assets' },
      { from: 'lb', to: 'api' },
      { from: 'api', to: 'cache', label: 'lookup' },
      { from: 'api', to: 'db', label: 'miss / create' },
      { from: 'api', to: 'clicks', label: 'click event' },
      { from: 'clicks', to: 'workers' },
      { from: 'workers', to: 'db', label: 'counts per link per day' },
      { from: 'db', to: 'api', label: 'rows' },
    ],
    ...overrides,
  };
}

interface Box {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function boxesOf(layout: DiagramLayout): Box[] {
  const nodes = layout.nodes.map((node) => ({
    name: node.id,
    left: node.x - node.width / 2,
    right: node.x + node.width / 2,
    top: node.y - node.height / 2,
    bottom: node.y + node.height / 2,
  }));
  const labels = layout.edges.flatMap((edge) => {
    if (!edge.text) return [];
    const middle = edge.points[Math.floor(edge.points.length / 2)]!;
    return [
      {
        name: `label of edge ${edge.index}`,
        left: middle.x - edge.text.width / 2,
        right: middle.x + edge.text.width / 2,
        top: middle.y - edge.text.height / 2,
        bottom: middle.y + edge.text.height / 2,
      },
    ];
  });
  return [...nodes, ...labels];
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function overlappingPairs(layout: DiagramLayout): string[] {
  const boxes = boxesOf(layout);
  const pairs: string[] = [];
  boxes.forEach((a, index) => {
    for (const b of boxes.slice(index + 1)) if (overlaps(a, b)) pairs.push(`${a.name} / ${b.name}`);
  });
  return pairs;
}

function shippedDiagrams(): [string, ReferenceDiagram][] {
  return readdirSync(PROMPTS_DIR)
    .filter((name) => name.endsWith('.diagram.yaml'))
    .flatMap((name) => {
      const result = parseDiagramFile(readFileSync(join(PROMPTS_DIR, name), 'utf8'), name);
      return result.ok ? [[name, result.diagram] as [string, ReferenceDiagram]] : [];
    });
}

describe('the shipped diagrams', () => {
  it('are valid, each beside its prompt', () => {
    const names = readdirSync(PROMPTS_DIR);
    const problems = names
      .filter((name) => name.endsWith('.diagram.yaml'))
      .flatMap((name) => {
        const result = parseDiagramFile(readFileSync(join(PROMPTS_DIR, name), 'utf8'), name);
        const orphan = names.includes(name.replace(/\.diagram\.yaml$/, '.md')) ? [] : [`${name}: no prompt`];
        return [
          ...orphan,
          ...(result.ok
            ? []
            : result.problems.map((problem) => `${name}: ${problem.field}: ${problem.reason}`)),
        ];
      });
    expect(problems).toEqual([]);
  });
});

describe('layoutDiagram', () => {
  it.each(['LR', 'TB'] as const)('places no box or arrow label over another (%s)', (direction) => {
    expect(overlappingPairs(layoutDiagram(aDiagram({ direction })))).toEqual([]);
  });

  it('is checked by a detector that does see an overlap', () => {
    const layout = layoutDiagram(aDiagram());
    const [first, second] = layout.nodes;
    const squeezed = { ...layout, nodes: [first!, { ...second!, x: first!.x + 10, y: first!.y }] };
    expect(overlappingPairs(squeezed)).toContain(`${first!.id} / ${second!.id}`);
  });

  it('wraps long labels onto lines, keeping a path whole', () => {
    expect(wrapLabel('Redirect + create API with a long name', 12)).toEqual([
      'Redirect +',
      'create API',
      'with a long',
      'name',
    ]);
    expect(wrapLabel('POST /v1/reservations', 10)).toEqual(['POST', '/v1/reservations']);
    expect(wrapLabel('x'.repeat(30), 10)).toEqual(['x'.repeat(10), 'x'.repeat(20)]);
  });

  it('lays out left to right or top to bottom as the file says', () => {
    const across = layoutDiagram(aDiagram({ direction: 'LR' }));
    const down = layoutDiagram(aDiagram({ direction: 'TB' }));
    const at = (layout: DiagramLayout, id: string) => layout.nodes.find((node) => node.id === id)!;
    expect(at(across, 'lb').x).toBeGreaterThan(at(across, 'client').x);
    expect(at(down, 'lb').y).toBeGreaterThan(at(down, 'client').y);
  });

  it('puts each arrow label on its arrow, in the middle point Excalidraw draws it at', () => {
    for (const edge of layoutDiagram(aDiagram()).edges.filter((each) => each.label)) {
      expect(edge.points.length % 2).toBe(1);
    }
  });

  it('lays out every shipped diagram without overlaps', () => {
    const diagrams = shippedDiagrams();
    expect(diagrams.length).toBeGreaterThan(0);
    for (const [name, diagram] of diagrams) {
      expect({ name, overlaps: overlappingPairs(layoutDiagram(diagram)) }).toEqual({ name, overlaps: [] });
    }
  });
});

describe('diagramToScene', () => {
  const diagram = aDiagram();
  const elements = diagramToScene(diagram);
  const byId = new Map(elements.map((element) => [element.id, element]));

  it('gives elements the room accepts', () => {
    for (const element of elements) expect(DrawableElementSchema.safeParse(element).error).toBeUndefined();
    expect(new Set(elements.map((element) => element.id)).size).toBe(elements.length);
  });

  it('draws every node with its label inside, shaped and coloured by kind', () => {
    for (const node of diagram.nodes) {
      const shape = byId.get(nodeElementId(node.id))!;
      const label = elements.find((element) => element.type === 'text' && element.containerId === shape.id);
      expect(label).toMatchObject({ originalText: node.label });
      expect(shape.boundElements).toContainEqual({ id: label!.id, type: 'text' });
      // The label sits inside its box.
      expect(label!.x).toBeGreaterThanOrEqual(shape.x);
      expect(label!.x + label!.width).toBeLessThanOrEqual(shape.x + shape.width);
      expect(label!.y).toBeGreaterThanOrEqual(shape.y);
      expect(label!.y + label!.height).toBeLessThanOrEqual(shape.y + shape.height);
    }
    expect(byId.get('node-client')!.type).toBe('ellipse');
    expect(byId.get('node-cdn')).toMatchObject({ type: 'rectangle', strokeStyle: 'dashed' });
    const fills = new Set(
      ['lb', 'cache', 'db', 'clicks', 'cdn'].map((id) => byId.get(nodeElementId(id))!.backgroundColor),
    );
    expect(fills.size).toBe(5);
  });

  it('binds every arrow to its two nodes, both ways, and labels it', () => {
    diagram.edges.forEach((edge, index) => {
      const arrow = byId.get(edgeElementId(index));
      if (arrow?.type !== 'arrow') throw new Error(`edge ${index} has no arrow`);
      expect(arrow.startBinding?.elementId).toBe(nodeElementId(edge.from));
      expect(arrow.endBinding?.elementId).toBe(nodeElementId(edge.to));
      for (const end of [edge.from, edge.to]) {
        expect(byId.get(nodeElementId(end))!.boundElements).toContainEqual({ id: arrow.id, type: 'arrow' });
      }
      const label = elements.find((element) => element.type === 'text' && element.containerId === arrow.id);
      expect(label?.type === 'text' ? label.originalText : undefined).toBe(edge.label);
      expect(arrow.points![0]).toEqual([0, 0]);
    });
  });

  it('renders the same diagram to the same scene', () => {
    expect(diagramToScene(aDiagram())).toEqual(elements);
    expect(elements.map((element) => element.index)).toEqual(
      elements.map((_, position) => fractionalIndex(position)),
    );
  });

  it('orders elements with fractional indices as Excalidraw compares them', () => {
    const indices = Array.from({ length: 200 }, (_, position) => fractionalIndex(position));
    expect([...indices].sort()).toEqual(indices);
    expect(new Set(indices).size).toBe(200);
  });

  it('renders every shipped diagram to elements the room accepts', () => {
    for (const [name, shipped] of shippedDiagrams()) {
      const bad = diagramToScene(shipped).filter(
        (element) => !DrawableElementSchema.safeParse(element).success,
      );
      expect({ name, bad }).toEqual({ name, bad: [] });
    }
  });
});
