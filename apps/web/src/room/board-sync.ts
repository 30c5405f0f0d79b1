import {
  CaptureUpdateAction,
  reconcileElements,
  restoreElements,
  type ExcalidrawImperativeAPI,
} from './excalidraw';
import type { PointerBroadcast, SceneElement, Viewport } from '@mockboard/contracts';
import { followView } from '@mockboard/scene';
import type {
  Collaborator,
  NormalizedZoomValue,
  OrderedExcalidrawElement,
  RemoteExcalidrawElement,
  SocketId,
} from './excalidraw';

/**
 * Merges copies from the server into what is on screen by Excalidraw's rule (the one the server
 * applies: higher version, tie → lower versionNonce). Excalidraw's reconcile also keeps the element
 * the user is drawing, resizing or typing in, so a peer's edit never yanks it away mid-gesture.
 * The client holds these copies, so they are not sent back.
 */
export function mergeIntoBoard(api: ExcalidrawImperativeAPI, remote: readonly SceneElement[]): void {
  if (remote.length === 0) return;
  const restored = restoreElements(remote as never, null) as unknown as RemoteExcalidrawElement[];
  const local = api.getSceneElementsIncludingDeleted() as readonly OrderedExcalidrawElement[];
  const elements = reconcileElements(local, restored, api.getAppState());
  // Not undoable: Ctrl+Z undoes your own strokes, never your partner's.
  api.updateScene({ elements, captureUpdate: CaptureUpdateAction.NEVER });
}

/**
 * Puts refused elements back as the server stores them: `replaced` copies in place as they are
 * (not merged: the stored copy is older than the refused one, which a merge would keep), `removed`
 * ids off the board. Not undoable, and the client holds these copies, so nothing goes back to the server.
 */
export function restoreOnBoard(
  api: ExcalidrawImperativeAPI,
  replaced: readonly SceneElement[],
  removed: readonly string[],
): void {
  if (replaced.length === 0 && removed.length === 0) return;
  const gone = new Set(removed);
  const restored = new Map(
    (restoreElements(replaced as never, null) as unknown as OrderedExcalidrawElement[]).map((element) => [
      element.id,
      element,
    ]),
  );
  const local = api.getSceneElementsIncludingDeleted() as readonly OrderedExcalidrawElement[];
  const elements = local
    .filter((element) => !gone.has(element.id))
    .map((element) => {
      const stored = restored.get(element.id);
      restored.delete(element.id);
      return stored ?? element;
    });
  api.updateScene({
    elements: [...elements, ...restored.values()],
    captureUpdate: CaptureUpdateAction.NEVER,
  });
}

/** A partner as Excalidraw knows them: for their laser pointer, in their room colour. */
export function toCollaborator(event: PointerBroadcast): Collaborator {
  return {
    id: event.userId,
    socketId: event.userId as SocketId,
    username: event.displayName,
    color: { background: event.colour, stroke: event.colour },
    // Excalidraw would draw the cursor in a colour of its own: RemoteCursors draws it instead.
    pointer: { ...event.pointer, renderCursor: false, laserColor: event.colour },
    button: event.button,
    selectedElementIds: selectedIds(event.selectedElementIds),
  };
}

function selectedIds(selected: Record<string, boolean> | undefined): Record<string, true> {
  return Object.fromEntries(
    Object.keys(selected ?? {})
      .filter((id) => selected![id])
      .map((id) => [id, true]),
  );
}

/**
 * Follow mode before the partner's screen is known: scrolls so that the partner's pointer is back
 * in the middle when it leaves the central part of the view (re-centring on every move would make
 * the canvas jitter).
 */
export function followPointer(api: ExcalidrawImperativeAPI, pointer: { x: number; y: number }): void {
  const { scrollX, scrollY, zoom, width, height } = api.getAppState();
  const x = (pointer.x + scrollX) * zoom.value;
  const y = (pointer.y + scrollY) * zoom.value;
  const inside = x > width * 0.2 && x < width * 0.8 && y > height * 0.2 && y < height * 0.8;
  if (inside) return;
  api.updateScene({
    appState: { scrollX: width / 2 / zoom.value - pointer.x, scrollY: height / 2 / zoom.value - pointer.y },
    captureUpdate: CaptureUpdateAction.NEVER,
  });
}

/** What this screen shows of the board, as partners following it need it. */
export function viewOf(appState: {
  scrollX: number;
  scrollY: number;
  zoom: { value: number };
  width: number;
  height: number;
}): Viewport {
  const { scrollX, scrollY, zoom, width, height } = appState;
  return { scrollX, scrollY, zoom: zoom.value, width, height };
}

/** Follow mode: shows what the partner's screen shows (same centre, same zoom). */
export function followViewport(api: ExcalidrawImperativeAPI, followed: Viewport): void {
  const { width, height } = api.getAppState();
  const { scrollX, scrollY, zoom } = followView(followed, { width, height });
  api.updateScene({
    appState: { scrollX, scrollY, zoom: { value: zoom as NormalizedZoomValue } },
    captureUpdate: CaptureUpdateAction.NEVER,
  });
}
