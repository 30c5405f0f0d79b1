import { useEffect, useState } from 'react';
import type { SceneElement } from '@mockboard/contracts';
import { CaptureUpdateAction, Excalidraw, restoreElements, type ExcalidrawImperativeAPI } from './excalidraw';

// A replay only shows: no menu entries that load, save or change anything.
const UI_OPTIONS = {
  canvasActions: {
    loadScene: false,
    saveToActiveFile: false,
    clearCanvas: false,
    export: false,
    changeViewBackgroundColor: false,
  },
  tools: { image: false },
} as const;

/** Excalidraw in view mode, showing `elements` (the scene at the play head). */
export function ReplayBoard({ elements }: { elements: readonly SceneElement[] }) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  // Excalidraw resets its scene to `initialData` once mounted (possibly after our first effect).
  const [initialData] = useState(() => ({
    elements: restoreElements(elements as never, null),
    scrollToContent: true,
  }));

  useEffect(() => {
    if (!api) return;
    api.updateScene({
      elements: restoreElements(elements as never, null),
      captureUpdate: CaptureUpdateAction.NEVER,
    });
    window.__mockboardScene = () => api.getSceneElements();
    return () => {
      delete window.__mockboardScene;
    };
  }, [api, elements]);

  return (
    <div className="replay-board">
      <Excalidraw excalidrawAPI={setApi} initialData={initialData} viewModeEnabled UIOptions={UI_OPTIONS} />
    </div>
  );
}
