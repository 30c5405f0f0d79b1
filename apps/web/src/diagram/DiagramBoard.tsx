import { useEffect, useRef, useState } from 'react';
import type { DrawableElement } from '@mockboard/contracts';
import { Excalidraw, NO_EMBEDS, restoreElements, type ExcalidrawImperativeAPI } from '../room/excalidraw';

declare global {
  interface Window {
    /** For browser tests: the elements of the reference design shown on this page. */
    __mockboardReference?: () => readonly unknown[];
  }
}

// Only looking: nothing to load, save, export or clear.
const UI_OPTIONS = {
  canvasActions: {
    loadScene: false,
    saveToActiveFile: false,
    clearCanvas: false,
    export: false,
    changeViewBackgroundColor: false,
    toggleTheme: false,
  },
  tools: { image: false },
} as const;

/**
 * The reference design's scene in a read-only Excalidraw, zoomed to fit its box, and again whenever
 * the box changes size (a panel opened, a window narrowed). Default export: loaded lazily, with
 * Excalidraw's chunk.
 */
export default function DiagramBoard({ elements }: { elements: readonly DrawableElement[] }) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const box = useRef<HTMLDivElement>(null);
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
    const observer = new ResizeObserver(fit);
    observer.observe(box.current);
    fit();
    window.__mockboardReference = () => api.getSceneElements();
    return () => {
      observer.disconnect();
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
    </div>
  );
}
