// The one entry to Excalidraw for the room and the replay: the asset path is set before it loads,
// and its stylesheet comes with it (so both stay in the lazily loaded chunk).
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
