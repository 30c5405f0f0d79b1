import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SceneElement } from '@mockboard/contracts';
import { rememberVersions, unsentElements } from '@mockboard/scene';
import { followPointer, mergeIntoBoard, toCollaborator } from './board-sync';
import {
  Excalidraw,
  restoreElements,
  type Collaborator,
  type ExcalidrawImperativeAPI,
  type SocketId,
} from './excalidraw';
import { RemoteCursors, type RemoteCursorsHandle } from './RemoteCursors';
import type { BoardListeners, JoinedRoom } from './useCollabRoom';

interface WhiteboardProps {
  room: JoinedRoom;
  listenersRef: RefObject<BoardListeners>;
  /** The user whose pointer the view follows, or null. */
  followUserId: string | null;
  readOnly: boolean;
}

// What the room needs of Excalidraw's menu: no file import/export over the shared scene, no
// "reset canvas" that would wipe it for both peers; images are not synced yet, so no image tool.
const UI_OPTIONS = {
  canvasActions: { loadScene: false, saveToActiveFile: false, clearCanvas: false, export: false },
  tools: { image: false },
} as const;

const prefersDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

/**
 * The shared whiteboard: Excalidraw, kept in step with the room. Local edits go out through the
 * collaboration client, only the elements whose version changed since they were last shared;
 * peers' edits and cursors come in through `listenersRef` and are merged into the scene on screen.
 */
export function Whiteboard({ room, listenersRef, followUserId, readOnly }: WhiteboardProps) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  // id → version the server holds (sent by us or received): what `onChange` need not send again.
  const shared = useRef(new Map<string, number>());
  const collaborators = useRef(new Map<SocketId, Collaborator>());
  const cursors = useRef<RemoteCursorsHandle>(null);
  const follow = useRef(followUserId);
  const [theme] = useState(() => (prefersDark() ? ('dark' as const) : ('light' as const)));
  // Excalidraw resets its scene to `initialData` once it has mounted, after effects may already have
  // run: so the first scene goes in here, read from the client at that moment.
  const [initialData] = useState(() => () => ({
    elements: restoreElements([...room.client.scene.values()] as never, null),
    scrollToContent: true,
  }));

  useEffect(() => {
    follow.current = followUserId;
  }, [followUserId]);

  // On every (re)join: merge the joined scene, then listen. The client's scene is the ack's scene
  // merged with whatever arrived since, so nothing between the join and this moment is missed.
  useEffect(() => {
    if (!api) return;
    const { client } = room;
    const joined = [...client.scene.values()];
    shared.current = new Map();
    rememberVersions(shared.current, joined);
    mergeIntoBoard(api, joined, shared.current);
    // Edits made while the previous connection was being replaced: the client sends what it lacks.
    const local = api.getSceneElementsIncludingDeleted() as unknown as SceneElement[];
    const missing = unsentElements(local, shared.current);
    if (missing.length > 0 && !readOnly) {
      rememberVersions(shared.current, missing);
      client.sendElements(missing.map((element) => structuredClone(element)));
    }

    const showCollaborators = () => api.updateScene({ collaborators: new Map(collaborators.current) });
    listenersRef.current = {
      onRemoteElements: (elements) => mergeIntoBoard(api, elements, shared.current),
      onPointer: (event) => {
        collaborators.current.set(event.userId as SocketId, toCollaborator(event));
        showCollaborators();
        cursors.current?.show(event);
        if (follow.current === event.userId) followPointer(api, event.pointer);
      },
      onPartnerLeft: (userId) => {
        cursors.current?.remove(userId);
        if (collaborators.current.delete(userId as SocketId)) showCollaborators();
      },
    };
    window.__mockboardScene = () => api.getSceneElements();
    return () => {
      listenersRef.current = {};
      delete window.__mockboardScene;
    };
  }, [api, room, listenersRef, readOnly]);

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
        onChange={(elements) => {
          if (!api || readOnly) return;
          const changed = unsentElements(elements as unknown as SceneElement[], shared.current);
          if (changed.length === 0) return;
          rememberVersions(shared.current, changed);
          // Copies: Excalidraw keeps mutating its element objects, the client keeps what it is given.
          room.client.sendElements(changed.map((element) => structuredClone(element)));
        }}
        onPointerUpdate={({ pointer, button }) => room.client.sendPointer(pointer, button)}
      />
      {api && <RemoteCursors api={api} ref={cursors} />}
    </div>
  );
}
