import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { SceneElement, Viewport } from '@mockboard/contracts';
import {
  followPointer,
  followViewport,
  mergeIntoBoard,
  restoreOnBoard,
  toCollaborator,
  viewOf,
} from './board-sync';
import {
  Excalidraw,
  NO_EMBEDS,
  restoreElements,
  type Collaborator,
  type ExcalidrawImperativeAPI,
  type SocketId,
} from './excalidraw';
import { RemoteCursors, type RemoteCursorsHandle } from './RemoteCursors';
import { useBoardFiles } from './useBoardFiles';
import type { BoardListeners, JoinedRoom } from './useCollabRoom';

interface WhiteboardProps {
  room: JoinedRoom;
  listenersRef: RefObject<BoardListeners>;
  /** The user whose view this board follows (their screen, or their pointer until that is known), or null. */
  followUserId: string | null;
  readOnly: boolean;
  /** Told, in words for the user, when something on the board could not be shared (e.g. an image). */
  onProblem?: (message: string) => void;
}

// What the room needs of Excalidraw's menu: no file import/export over the shared scene, no
// "reset canvas" that would wipe it for both peers. Images are shared through the server (BoardFiles).
const UI_OPTIONS = {
  canvasActions: { loadScene: false, saveToActiveFile: false, clearCanvas: false, export: false },
} as const;

const prefersDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

/**
 * The shared whiteboard: Excalidraw, kept in step with the room. Local edits go out through the
 * collaboration client, only the elements whose version the client has not seen (it holds the
 * shared scene); peers' edits and cursors come in through `listenersRef` and are merged into the scene on screen.
 */
export function Whiteboard({ room, listenersRef, followUserId, readOnly, onProblem }: WhiteboardProps) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const boardFiles = useBoardFiles(api, room.ack.state.sessionId, onProblem);
  const collaborators = useRef(new Map<SocketId, Collaborator>());
  const cursors = useRef<RemoteCursorsHandle>(null);
  const follow = useRef(followUserId);
  // The last screen each partner reported, and the last this screen sent (sent again only on change).
  const partnerViews = useRef(new Map<string, Viewport>());
  const lastView = useRef<Viewport | null>(null);
  const shareView = useCallback(
    (view: Viewport) => {
      if (lastView.current && sameView(lastView.current, view)) return;
      lastView.current = view;
      room.client.sendViewport(view);
    },
    [room],
  );
  const [theme] = useState(() => (prefersDark() ? ('dark' as const) : ('light' as const)));
  // Excalidraw resets its scene to `initialData` once it has mounted, after effects may already have
  // run: so the first scene goes in here, read from the client at that moment.
  const [initialData] = useState(() => () => ({
    elements: restoreElements([...room.client.scene.values()] as never, null),
    scrollToContent: true,
  }));

  useEffect(() => {
    follow.current = followUserId;
    // Start following at once where the partner's screen is already known.
    const known = followUserId ? partnerViews.current.get(followUserId) : undefined;
    if (api && known) followViewport(api, known);
  }, [api, followUserId]);

  // On every (re)join, and when the room's answer is updated in place (a prompt chosen meanwhile):
  // merge the joined scene, then listen. The client's scene is the ack's scene
  // merged with whatever arrived since, so nothing between the join and this moment is missed.
  useEffect(() => {
    if (!api) return;
    const { client } = room;
    const joined = [...client.scene.values()];
    mergeIntoBoard(api, joined);
    boardFiles.current?.loadMissingFiles(joined);
    // Edits made while the previous connection was being replaced: the client sends what it lacks.
    const local = api.getSceneElementsIncludingDeleted() as unknown as SceneElement[];
    const missing = client.unsharedOf(local);
    if (missing.length > 0 && !readOnly)
      client.sendElements(missing.map((element) => structuredClone(element)));

    const showCollaborators = () => api.updateScene({ collaborators: new Map(collaborators.current) });
    listenersRef.current = {
      onRemoteElements: (elements) => {
        mergeIntoBoard(api, elements);
        // A peer's image element comes before its file: fetched (and retried) until it is stored.
        boardFiles.current?.loadMissingFiles(elements);
      },
      onRestore: (replaced, removed) => restoreOnBoard(api, replaced, removed),
      onPointer: (event) => {
        collaborators.current.set(event.userId as SocketId, toCollaborator(event));
        showCollaborators();
        cursors.current?.show(event);
        const following = follow.current === event.userId;
        if (following && !partnerViews.current.has(event.userId)) followPointer(api, event.pointer);
      },
      onViewport: (event) => {
        partnerViews.current.set(event.userId, event.viewport);
        if (follow.current === event.userId) followViewport(api, event.viewport);
      },
      onPartnerLeft: (userId) => {
        cursors.current?.remove(userId);
        if (collaborators.current.delete(userId as SocketId)) showCollaborators();
      },
    };
    window.__mockboardScene = () => api.getSceneElements();
    window.__mockboardFiles = () => Object.keys(api.getFiles());
    window.__mockboardView = () => viewOf(api.getAppState());
    // A partner who starts following finds this screen known (it is resent on every (re)join).
    lastView.current = null;
    shareView(viewOf(api.getAppState()));
    return () => {
      listenersRef.current = {};
      delete window.__mockboardScene;
      delete window.__mockboardFiles;
      delete window.__mockboardView;
    };
  }, [api, room, listenersRef, readOnly, boardFiles, shareView]);

  return (
    <div className="whiteboard">
      <Excalidraw
        excalidrawAPI={setApi}
        initialData={initialData}
        isCollaborating
        viewModeEnabled={readOnly}
        theme={theme}
        autoFocus
        UIOptions={UI_OPTIONS}
        {...NO_EMBEDS}
        onChange={(elements, appState, files) => {
          if (!api) return;
          shareView(viewOf(appState));
          if (readOnly) return;
          boardFiles.current?.shareNewFiles(elements, files);
          // Only what the client has not seen (by version): the server's copies are not sent back.
          const changed = room.client.unsharedOf(elements as unknown as SceneElement[]);
          if (changed.length === 0) return;
          // Copies: Excalidraw keeps mutating its element objects, the client keeps what it is given.
          room.client.sendElements(changed.map((element) => structuredClone(element)));
        }}
        onPointerUpdate={({ pointer, button }) => room.client.sendPointer(pointer, button)}
      />
      {api && <RemoteCursors api={api} ref={cursors} />}
    </div>
  );
}

const sameView = (a: Viewport, b: Viewport): boolean =>
  a.scrollX === b.scrollX &&
  a.scrollY === b.scrollY &&
  a.zoom === b.zoom &&
  a.width === b.width &&
  a.height === b.height;
