import { useEffect, useRef, useState } from 'react';
import type { DrawableElement } from '@mockboard/contracts';
import {
  CaptureUpdateAction,
  Excalidraw,
  NO_EMBEDS,
  READ_ONLY_UI_OPTIONS,
  restoreElements,
  type ExcalidrawImperativeAPI,
  type NormalizedZoomValue,
} from '../room/excalidraw';

declare global {
  interface Window {
    /** For browser tests: the elements of the reference design shown on this page. */
    __mockboardReference?: () => readonly unknown[];
  }
}

// The reference design sits on a white page (initialData below) and keeps it: no theme toggle,
// which the replay does offer.
const UI_OPTIONS = {
  ...READ_ONLY_UI_OPTIONS,
  canvasActions: { ...READ_ONLY_UI_OPTIONS.canvasActions, toggleTheme: false },
} as const;

const ZOOM_STEP = 1.25;
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;

/** Zooms by `factor` about the middle of the box, which stays where it is on screen. */
function zoomAboutMiddle(api: ExcalidrawImperativeAPI, factor: number): void {
  const { zoom, scrollX, scrollY, width, height } = api.getAppState();
  const after = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom.value * factor));
  // A screen point shows scene point screen / zoom - scroll: keep that the same for the middle.
  api.updateScene({
    appState: {
      zoom: { value: after as NormalizedZoomValue },
      scrollX: scrollX + width / 2 / after - width / 2 / zoom.value,
      scrollY: scrollY + height / 2 / after - height / 2 / zoom.value,
    },
    captureUpdate: CaptureUpdateAction.NEVER,
  });
}

/**
 * The reference design's scene in a read-only Excalidraw, zoomed to fit its box, and again whenever
 * the box changes size (a panel opened, a window narrowed). A large design fits only at a zoom whose
 * labels are too small to read, and Excalidraw shows no zoom buttons in a box this narrow, so ours
 * sit on top (pinching and Ctrl+wheel work too). Default export: loaded lazily, with Excalidraw's chunk.
 */
export default function DiagramBoard({ elements }: { elements: readonly DrawableElement[] }) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [zoomPercent, setZoomPercent] = useState<number | null>(null);
  const fitRef = useRef<() => void>(() => {});
  const [initialData] = useState(() => ({
    elements: restoreElements(elements as never, null),
    appState: { viewBackgroundColor: '#ffffff' },
  }));

  useEffect(() => {
    if (!api || !box.current) return;
    let frame = 0;
    const fit = () => {
      cancelAnimationFrame(frame);
      // After Excalidraw has measured its new size.
      frame = requestAnimationFrame(() =>
        api.scrollToContent(undefined, { fitToViewport: true, viewportZoomFactor: 0.95, animate: false }),
      );
    };
    fitRef.current = fit;
    const stopWatching = api.onChange((_elements, appState) =>
      setZoomPercent(Math.round(appState.zoom.value * 100)),
    );
    const observer = new ResizeObserver(fit);
    observer.observe(box.current);
    fit();
    window.__mockboardReference = () => api.getSceneElements();
    return () => {
      observer.disconnect();
      stopWatching();
      cancelAnimationFrame(frame);
      delete window.__mockboardReference;
    };
  }, [api]);

  return (
    <div className="reference-board" ref={box}>
      <Excalidraw
        excalidrawAPI={setApi}
        initialData={initialData}
        viewModeEnabled
        UIOptions={UI_OPTIONS}
        {...NO_EMBEDS}
      />
      {api && (
        <div className="reference-zoom" role="group" aria-label="Zoom the reference design">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label="Zoom out of the reference design"
            onClick={() => zoomAboutMiddle(api, 1 / ZOOM_STEP)}
          >
            −
          </button>
          <output className="reference-zoom__value" aria-label="Zoom">
            {zoomPercent === null ? '' : `${zoomPercent}%`}
          </output>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label="Zoom in on the reference design"
            onClick={() => zoomAboutMiddle(api, ZOOM_STEP)}
          >
            +
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label="Fit the reference design to its box"
            onClick={() => fitRef.current()}
          >
            Fit
          </button>
        </div>
      )}
    </div>
  );
}
