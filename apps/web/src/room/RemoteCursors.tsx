import { useEffect, useImperativeHandle, useState, type Ref } from 'react';
import type { PointerBroadcast } from '@mockboard/contracts';
import type { ExcalidrawImperativeAPI } from './excalidraw';

export interface RemoteCursorsHandle {
  show(event: PointerBroadcast): void;
  remove(userId: string): void;
}

interface Cursor {
  x: number;
  y: number;
  name: string;
  colour: string;
}

interface View {
  scrollX: number;
  scrollY: number;
  zoom: number;
  width: number;
  height: number;
}

const viewOf = (api: ExcalidrawImperativeAPI): View => {
  const { scrollX, scrollY, zoom, width, height } = api.getAppState();
  return { scrollX, scrollY, zoom: zoom.value, width, height };
};

/**
 * Partners' pointers with their names, in the colour the server gave them (the one of their avatar
 * in the bar). Excalidraw draws cursors in a colour of its own choosing, so we draw them here, over
 * the canvas; a pointer outside the view waits, faded, at the nearest edge.
 */
export function RemoteCursors({ api, ref }: { api: ExcalidrawImperativeAPI; ref: Ref<RemoteCursorsHandle> }) {
  const [cursors, setCursors] = useState<ReadonlyMap<string, Cursor>>(new Map());
  const [view, setView] = useState(() => viewOf(api));

  useImperativeHandle(
    ref,
    () => ({
      show: (event) =>
        setCursors((previous) =>
          new Map(previous).set(event.userId, {
            x: event.pointer.x,
            y: event.pointer.y,
            name: event.displayName,
            colour: event.colour,
          }),
        ),
      remove: (userId) =>
        setCursors((previous) => {
          const next = new Map(previous);
          next.delete(userId);
          return next;
        }),
    }),
    [],
  );

  // Scrolling and zooming move every cursor; so does resizing the board.
  useEffect(() => api.onScrollChange(() => setView(viewOf(api))), [api]);
  useEffect(() => api.onChange(() => setView((previous) => sameView(previous, viewOf(api)))), [api]);

  return (
    <div className="remote-cursors" aria-hidden="true">
      {[...cursors].map(([userId, cursor]) => {
        const x = (cursor.x + view.scrollX) * view.zoom;
        const y = (cursor.y + view.scrollY) * view.zoom;
        const left = Math.min(Math.max(x, 0), view.width - 12);
        const top = Math.min(Math.max(y, 0), view.height - 16);
        const away = left !== x || top !== y;
        return (
          <div
            key={userId}
            className={`remote-cursor${away ? ' remote-cursor--away' : ''}`}
            style={{ transform: `translate(${left}px, ${top}px)`, color: cursor.colour }}
          >
            <svg className="remote-cursor__arrow" width="15" height="20" viewBox="0 0 12 16">
              <path d="M1 1 L1 14 L4.5 10.5 L7 15 L9 14 L6.5 9.5 L11 9.5 Z" />
            </svg>
            <span className="remote-cursor__name" style={{ background: cursor.colour }}>
              {cursor.name}
            </span>
          </div>
        );
      })}
    </div>
  );
}

/** The previous view when nothing moved, so an unrelated change does not re-render the cursors. */
function sameView(previous: View, next: View): View {
  const same = (Object.keys(next) as (keyof View)[]).every((key) => previous[key] === next[key]);
  return same ? previous : next;
}
