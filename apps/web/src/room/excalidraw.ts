// The one entry to Excalidraw for the room and the replay: the asset path is set before it loads,
// and its stylesheet comes with it (so both stay in the lazily loaded chunk).
import { createElement } from 'react';
import './excalidraw-assets';
import '@excalidraw/excalidraw/index.css';

export { CaptureUpdateAction, Excalidraw, reconcileElements, restoreElements } from '@excalidraw/excalidraw';
export type { RemoteExcalidrawElement } from '@excalidraw/excalidraw/data/reconcile';
export type { FileId, OrderedExcalidrawElement } from '@excalidraw/excalidraw/element/types';
export type {
  BinaryFileData,
  BinaryFiles,
  Collaborator,
  DataURL,
  ExcalidrawImperativeAPI,
  NormalizedZoomValue,
  SocketId,
} from '@excalidraw/excalidraw/types';

/**
 * No embeds on our boards: a web embed (or an iframe element with its own HTML) shows a page
 * someone else chose inside the room. Excalidraw renders an embeddable only once its link is
 * validated (never, with `false`) and falls back to an iframe when renderEmbeddable gives null, so
 * it gets an empty box. Iframe elements ignore both props: they are filtered out before they reach
 * Excalidraw (drawableOnly, in the collaboration client and the replay).
 */
export const NO_EMBEDS = {
  validateEmbeddable: false,
  renderEmbeddable: () => createElement('div', { className: 'embed-blocked' }),
} as const;

/**
 * Excalidraw's menu on a board that only shows (a replay, a reference design): no entry that
 * loads, saves, exports, clears or recolours the scene, and no image tool.
 */
export const READ_ONLY_UI_OPTIONS = {
  canvasActions: {
    loadScene: false,
    saveToActiveFile: false,
    clearCanvas: false,
    export: false,
    changeViewBackgroundColor: false,
  },
  tools: { image: false },
} as const;
