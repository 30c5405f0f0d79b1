import { useEffect, useRef, useState } from 'react';
import { drawableOnly, type SceneElement } from '@mockboard/contracts';
import {
  CaptureUpdateAction,
  Excalidraw,
  NO_EMBEDS,
  READ_ONLY_UI_OPTIONS,
  restoreElements,
  type ExcalidrawImperativeAPI,
} from './excalidraw';
import { useBoardFiles } from './useBoardFiles';

interface ReplayBoardProps {
  sessionId: string;
  /** The scene at the play head. */
  elements: readonly SceneElement[];
  /**
   * Where browser tests read it: the replay page's only board, or an earlier round's board shown
   * over the live room (whose whiteboard keeps `__mockboardScene`).
   */
  testHook?: '__mockboardScene' | '__mockboardPastBoard';
  /** Zoom so the whole drawing fits (a finished board set beside another), not only scroll to it. */
  fitToView?: boolean;
  /**
   * The whole log is loaded: the drawing then shown is fitted to the screen once (never zoomed past
   * 100 %), so a narrow screen sees all of it; the viewer's own pans and zooms stay after that.
   */
  fitOnceLoaded?: boolean;
}

/** Excalidraw in view mode, showing `elements` with their images, fetched from the session's files. */
export function ReplayBoard({
  sessionId,
  elements,
  testHook = '__mockboardScene',
  fitToView = false,
  fitOnceLoaded = false,
}: ReplayBoardProps) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const boardFiles = useBoardFiles(api, sessionId);
  const fittedOnce = useRef(false);
  // Excalidraw resets its scene to `initialData` once mounted (possibly after our first effect).
  const [initialData] = useState(() => ({
    elements: restoreElements(drawableOnly(elements) as never, null),
    scrollToContent: true,
  }));

  useEffect(() => {
    if (!api) return;
    // Logs written before the element allow-list may hold iframes: a replay never shows them.
    api.updateScene({
      elements: restoreElements(drawableOnly(elements) as never, null),
      captureUpdate: CaptureUpdateAction.NEVER,
    });
    boardFiles.current?.loadMissingFiles(elements);
    // After Excalidraw has laid out the new scene.
    const fitNow = fitToView || (fitOnceLoaded && !fittedOnce.current && elements.length > 0);
    const frame = fitNow
      ? requestAnimationFrame(() => {
          fittedOnce.current = true;
          api.scrollToContent(undefined, {
            fitToViewport: true,
            viewportZoomFactor: 0.9,
            animate: false,
            ...(fitToView ? {} : { maxZoom: 1 }),
          });
        })
      : 0;
    window[testHook] = () => api.getSceneElements();
    if (testHook === '__mockboardScene') window.__mockboardFiles = () => Object.keys(api.getFiles());
    return () => {
      cancelAnimationFrame(frame);
      delete window[testHook];
      if (testHook === '__mockboardScene') delete window.__mockboardFiles;
    };
  }, [api, elements, boardFiles, testHook, fitToView, fitOnceLoaded]);

  return (
    <div className="replay-board">
      <Excalidraw
        excalidrawAPI={setApi}
        initialData={initialData}
        viewModeEnabled
        UIOptions={READ_ONLY_UI_OPTIONS}
        {...NO_EMBEDS}
      />
    </div>
  );
}
