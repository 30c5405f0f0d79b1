import { lazy, Suspense } from 'react';
import {
  DIAGRAM_KIND_LOOK,
  DIAGRAM_NODE_KINDS,
  type ReferenceDiagram as Diagram,
} from '@mockboard/contracts';
import { diagramKey, getReferenceDiagram, type DiagramSource } from '../api/diagrams';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useResource } from '../hooks/useResource';
import '../styles/reference-diagram.css';

// Plain `lazy`, not lazyOrReload: the drawing shows in the live room too, where a reload would drop
// the call and unsaved notes; if its code fails to download, the list below still has the design.
const DiagramBoard = lazy(() => import('./DiagramBoard'));

/**
 * A prompt's reference design, read-only: the rendered scene (the server lays it out), a legend of
 * the kinds it uses, and the same design as a list for screen readers and quick reading.
 */
export function ReferenceDiagram({ source }: { source: DiagramSource }) {
  const view = useResource(diagramKey(source), (signal) => getReferenceDiagram(source, signal));

  if (view.status === 'loading') return <LoadingState label="Loading the reference design…" />;
  if (view.status === 'error') {
    if (view.error.status === 404) {
      return (
        <EmptyState title="No reference design yet" level={2}>
          {view.error.message}
        </EmptyState>
      );
    }
    return (
      <ErrorState title="The reference design could not be loaded" error={view.error} onRetry={view.retry} />
    );
  }
  const { diagram, elements, promptTitle } = view.data;
  return (
    <figure className="reference-diagram" aria-label={`Reference design: ${promptTitle}`}>
      <ErrorBoundary
        fallback={
          <EmptyState title="The drawing could not be shown" level={2}>
            The design is listed below. Reload the page to try the drawing again.
          </EmptyState>
        }
      >
        <Suspense fallback={<LoadingState label="Loading the drawing…" />}>
          <DiagramBoard elements={elements} />
        </Suspense>
      </ErrorBoundary>
      <figcaption className="reference-diagram__caption">
        <DiagramLegend diagram={diagram} />
        <DiagramAsText diagram={diagram} />
      </figcaption>
    </figure>
  );
}

function DiagramLegend({ diagram }: { diagram: Diagram }) {
  const used = DIAGRAM_NODE_KINDS.filter((kind) => diagram.nodes.some((node) => node.kind === kind));
  return (
    <ul className="reference-legend" aria-label="Legend">
      {used.map((kind) => {
        const look = DIAGRAM_KIND_LOOK[kind];
        return (
          <li key={kind} className="reference-legend__item">
            <span
              className={`reference-legend__swatch reference-legend__swatch--${look.shape}`}
              style={{
                background: look.backgroundColor,
                borderColor: look.strokeColor,
                borderStyle: look.strokeStyle,
              }}
              aria-hidden="true"
            />
            {look.name}
          </li>
        );
      })}
    </ul>
  );
}

/** The boxes and arrows in words: what a screen reader reads, and a quick way to scan a large design. */
function DiagramAsText({ diagram }: { diagram: Diagram }) {
  const labelOf = new Map(diagram.nodes.map((node) => [node.id, node.label]));
  return (
    <details className="reference-text">
      <summary>The design as a list</summary>
      <h4 className="reference-text__title">Components</h4>
      <ul>
        {diagram.nodes.map((node) => (
          <li key={node.id}>
            {node.label}{' '}
            <span className="reference-text__kind">({DIAGRAM_KIND_LOOK[node.kind].name.toLowerCase()})</span>
          </li>
        ))}
      </ul>
      <h4 className="reference-text__title">Connections</h4>
      <ul>
        {diagram.edges.map((edge, index) => (
          <li key={index}>
            {labelOf.get(edge.from)} → {labelOf.get(edge.to)}
            {edge.label && <span className="reference-text__kind">: {edge.label}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
