import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './test-app';

/** The labels of the fixture diagram's boxes and arrows. */
export const FIXTURE_DIAGRAM_LABELS = {
  nodes: ['Browser', 'Redirect service', 'Redis (code -> URL, TTL)', 'PostgreSQL'],
  edges: ['GET /{code}', 'lookup', 'on a miss'],
} as const;

/**
 * A prompts folder for a test app: the rubric, the URL shortener with a diagram of our own (so
 * tests know its labels) and the rate limiter with its shipped one. The shipped diagrams are content and change.
 */
export function promptsWithADiagram(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-diagram-prompts-'));
  for (const file of ['rubric.yaml', 'url-shortener.md', 'rate-limiter.md', 'rate-limiter.diagram.yaml'])
    copyFileSync(join(REPO_ROOT, 'prompts', file), join(dir, file));
  writeFileSync(
    join(dir, 'url-shortener.diagram.yaml'),
    [
      'direction: LR',
      'nodes:',
      '  - { id: client, label: Browser, kind: client }',
      '  - { id: api, label: Redirect service, kind: service }',
      "  - { id: cache, label: 'Redis (code -> URL, TTL)', kind: cache }",
      '  - { id: db, label: PostgreSQL, kind: store }',
      'edges:',
      "  - { from: client, to: api, label: 'GET /{code}' }",
      '  - { from: api, to: cache, label: lookup }',
      '  - { from: api, to: db, label: on a miss }',
    ].join('\n'),
  );
  return dir;
}
