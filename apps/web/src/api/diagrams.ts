import { ReferenceDiagramViewSchema, type ReferenceDiagramView } from '@mockboard/contracts';
import { request } from './client';

/** Where a reference design is read from: the prompt (the guide's rule) or a session's round. */
export type DiagramSource = { promptId: string } | { sessionId: string; round: number };

export function diagramKey(source: DiagramSource): string {
  return 'promptId' in source ? `diagram:${source.promptId}` : `diagram:${source.sessionId}:${source.round}`;
}

export function getReferenceDiagram(
  source: DiagramSource,
  signal?: AbortSignal,
): Promise<ReferenceDiagramView> {
  const path =
    'promptId' in source
      ? `/prompts/${encodeURIComponent(source.promptId)}/diagram`
      : `/sessions/${encodeURIComponent(source.sessionId)}/rounds/${source.round}/diagram`;
  return request(path, ReferenceDiagramViewSchema, { signal });
}
