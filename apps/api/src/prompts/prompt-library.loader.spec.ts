import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DrawableElementSchema } from '@mockboard/contracts';
import { layOutEvery, loadPromptDiagrams } from './prompt-library.loader';

const A_DIAGRAM = `
direction: TB
nodes:
  - { id: client, label: Browser, kind: client }
  - { id: api, label: API, kind: service }
  - { id: db, label: 'PostgreSQL (links, clicks)', kind: store }
edges:
  - { from: client, to: api, label: 'GET /{code}' }
  - { from: api, to: db }
`;

describe('loadPromptDiagrams', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mockboard-diagrams-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function load(files: Record<string, string>, promptIds: string[], requireAll = false) {
    for (const [name, text] of Object.entries(files)) await writeFile(join(directory, name), text);
    return loadPromptDiagrams(directory, await readdir(directory), new Set(promptIds), requireAll);
  }

  it('validates each diagram beside its prompt and renders its scene', async () => {
    const { diagrams, problems } = await load({ 'url-shortener.diagram.yaml': A_DIAGRAM }, ['url-shortener']);
    expect(problems).toEqual([]);
    const loaded = diagrams.get('url-shortener')!;
    expect(loaded.diagram.nodes.map((node) => node.label)).toEqual([
      'Browser',
      'API',
      'PostgreSQL (links, clicks)',
    ]);
    expect(loaded.elements.filter((element) => element.type === 'arrow')).toHaveLength(2);
    for (const element of loaded.elements)
      expect(DrawableElementSchema.safeParse(element).success).toBe(true);
  });

  it('lays out a diagram when it is first shown, once', async () => {
    const { diagrams } = await load({ 'url-shortener.diagram.yaml': A_DIAGRAM }, ['url-shortener']);
    const loaded = diagrams.get('url-shortener')!;
    const laidOut = Object.getOwnPropertyDescriptor(loaded, 'elements')!;
    expect(laidOut.get).toBeDefined();
    expect(loaded.elements).toBe(loaded.elements);
    expect(layOutEvery({ diagrams })).toEqual([]);
  });

  it('reports a broken diagram with file, field and reason', async () => {
    const broken = A_DIAGRAM.replace('{ from: api, to: db }', '{ from: api, to: dbb }');
    const { diagrams, problems } = await load({ 'url-shortener.diagram.yaml': broken }, ['url-shortener']);
    expect(diagrams.size).toBe(0);
    expect(problems).toEqual([
      {
        file: 'url-shortener.diagram.yaml',
        field: 'edges.1.to',
        reason: 'names no node ("dbb"); nodes are: client, api, db',
      },
      {
        file: 'url-shortener.diagram.yaml',
        field: 'nodes.2',
        reason: '"db" has no edge; connect it or leave it out',
      },
    ]);
  });

  it('always refuses a diagram without its prompt', async () => {
    const { problems } = await load({ 'url-shortner.diagram.yaml': A_DIAGRAM }, ['url-shortener']);
    expect(problems).toEqual([
      {
        file: 'url-shortner.diagram.yaml',
        field: '(file)',
        reason: 'has no prompt beside it: expected url-shortner.md',
      },
    ]);
  });

  it('accepts a prompt without a diagram until every prompt must have one', async () => {
    const files = { 'url-shortener.diagram.yaml': A_DIAGRAM };
    expect((await load(files, ['url-shortener', 'news-feed'])).problems).toEqual([]);
    expect((await load(files, ['url-shortener', 'news-feed'], true)).problems).toEqual([
      {
        file: 'news-feed.diagram.yaml',
        field: '(file)',
        reason: 'is missing: every prompt needs its reference diagram beside news-feed.md',
      },
    ]);
  });
});
