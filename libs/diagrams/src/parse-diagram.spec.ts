import { stringify } from 'yaml';
import { parseDiagramFile } from './parse-diagram';

const FILE = 'url-shortener.diagram.yaml';

function aDiagram(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    direction: 'LR',
    nodes: [
      { id: 'client', label: 'Browser', kind: 'client' },
      { id: 'api', label: 'Redirect API', kind: 'service' },
      { id: 'cache', label: 'Redis', kind: 'cache' },
      { id: 'db', label: 'PostgreSQL', kind: 'store' },
    ],
    edges: [
      { from: 'client', to: 'api', label: 'GET /{code}' },
      { from: 'api', to: 'cache', label: 'lookup' },
      { from: 'api', to: 'db' },
    ],
    ...overrides,
  };
}

const problemsOf = (data: unknown) => {
  const result = parseDiagramFile(typeof data === 'string' ? data : stringify(data), FILE);
  if (result.ok) throw new Error('expected problems, the file was accepted');
  return result.problems;
};

describe('parseDiagramFile', () => {
  it('accepts a valid diagram and defaults the direction to left-to-right', () => {
    const { direction: _dropped, ...rest } = aDiagram();
    const result = parseDiagramFile(stringify(rest), FILE);
    expect(result.ok && result.diagram.direction).toBe('LR');
    expect(result.ok && result.diagram.nodes.map((node) => node.id)).toEqual([
      'client',
      'api',
      'cache',
      'db',
    ]);
  });

  it('names the unknown node of an edge and lists the nodes there are', () => {
    const diagram = aDiagram();
    (diagram.edges as Record<string, unknown>[]).push({ from: 'api', to: 'cahce' });
    expect(problemsOf(diagram)).toEqual([
      {
        file: FILE,
        field: 'edges.3.to',
        reason: 'names no node ("cahce"); nodes are: client, api, cache, db',
      },
    ]);
  });

  it('refuses a repeated node id, an arrow from a node to itself and a node without edges', () => {
    const diagram = aDiagram({
      nodes: [
        { id: 'client', label: 'Browser', kind: 'client' },
        { id: 'api', label: 'API', kind: 'service' },
        { id: 'api', label: 'Second API', kind: 'service' },
        { id: 'lonely', label: 'Forgotten', kind: 'store' },
      ],
      edges: [
        { from: 'client', to: 'api' },
        { from: 'api', to: 'api', label: 'retry' },
      ],
    });
    expect(problemsOf(diagram)).toEqual([
      { file: FILE, field: 'nodes.2.id', reason: 'repeats the id "api"; node ids must be unique' },
      {
        file: FILE,
        field: 'edges.1.to',
        reason: 'is the same node as from ("api"); an arrow must join two nodes',
      },
      { file: FILE, field: 'nodes.3', reason: '"lonely" has no edge; connect it or leave it out' },
    ]);
  });

  it('refuses too few and too many nodes', () => {
    const few = aDiagram({
      nodes: [
        { id: 'a', label: 'A', kind: 'service' },
        { id: 'b', label: 'B', kind: 'service' },
      ],
      edges: [{ from: 'a', to: 'b' }],
    });
    expect(problemsOf(few)).toEqual([{ file: FILE, field: 'nodes', reason: 'must list at least 3 nodes' }]);
    const nodes = Array.from({ length: 25 }, (_, index) => ({
      id: `n${index}`,
      label: `N${index}`,
      kind: 'service',
    }));
    const edges = nodes.slice(1).map((node) => ({ from: 'n0', to: node.id }));
    expect(problemsOf(aDiagram({ nodes, edges }))).toEqual([
      { file: FILE, field: 'nodes', reason: 'must list at most 24 nodes: keep the high-level design' },
    ]);
  });

  it('refuses labels that are too long, an unknown kind, a bad id and extra fields', () => {
    const diagram = aDiagram();
    const nodes = diagram.nodes as Record<string, unknown>[];
    const edges = diagram.edges as Record<string, unknown>[];
    nodes[1] = { id: 'api', label: 'x'.repeat(49), kind: 'service' };
    nodes[2] = { id: 'cache', label: 'Redis', kind: 'database' };
    nodes[3] = { id: 'Main_DB', label: 'PostgreSQL', kind: 'store', x: 10 };
    edges[1] = { from: 'api', to: 'cache', label: 'y'.repeat(33) };
    const problems = problemsOf(diagram);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: FILE, field: 'nodes.1.label', reason: 'must be at most 48 characters' },
        {
          file: FILE,
          field: 'nodes.2.kind',
          reason: 'must be one of client, service, store, cache, queue, external',
        },
        {
          file: FILE,
          field: 'nodes.3.id',
          reason: 'must be kebab-case (lower-case letters, digits and single hyphens)',
        },
        {
          file: FILE,
          field: 'nodes.3.x',
          reason:
            'is not an accepted field; if it is the rest of a label, a comma inside { ... } ended the label: quote it (label: "a, b")',
        },
        { file: FILE, field: 'edges.1.label', reason: 'must be at most 32 characters' },
      ]),
    );
  });

  it('reports broken YAML and a file that is not a mapping', () => {
    expect(problemsOf('nodes: [\n')[0]).toMatchObject({ file: FILE, field: '(file)' });
    expect(problemsOf('nodes: [\n')[0]!.reason).toMatch(/^is not valid YAML/);
    expect(problemsOf('')).toEqual([
      {
        file: FILE,
        field: '(file)',
        reason: 'must be a YAML mapping with direction (optional), nodes and edges',
      },
    ]);
  });
});
