// What the peers send: the app's own event names (libs/contracts) and Excalidraw-shaped payloads that
// carry their send time, so the receiving peer can compute the fan-out latency.
import { ROOM_EVENTS } from '@mockboard/contracts';

export const EVENTS = {
  join: ROOM_EVENTS.join,
  scene: ROOM_EVENTS.sceneUpdate,
  pointer: ROOM_EVENTS.pointerUpdate,
  /** The bare relay's join: a room name, no session, no auth (as excalidraw-room's `join-room`). */
  bareJoin: 'join',
};

/** Each peer edits its own few elements in turn, as someone moving shapes around. */
export const ELEMENTS_PER_PEER = 8;

/**
 * The next change of one of the peer's elements: moved a little, its version one higher, a fresh
 * versionNonce, as Excalidraw's mutateElement does. The send time rides in `customData`, which
 * Excalidraw elements carry for integrations and the server stores and relays untouched.
 * `tag` makes the ids unique per run, so a later run never loses the merge to an earlier one.
 */
export function anElement(peer, tag, sentAt) {
  const slot = peer.cursor++ % ELEMENTS_PER_PEER;
  const version = (peer.versions[slot] = (peer.versions[slot] ?? 0) + 1);
  return {
    id: `${tag}-${peer.key}-${slot}`,
    type: 'rectangle',
    x: 100 + slot * 140 + (version % 40),
    y: 80 + ((version * 7) % 60),
    width: 120,
    height: 64,
    angle: 0,
    strokeColor: '#1e1e1e',
    backgroundColor: 'transparent',
    fillStyle: 'solid',
    strokeWidth: 2,
    strokeStyle: 'solid',
    roughness: 1,
    opacity: 100,
    groupIds: [],
    frameId: null,
    index: `a${slot}`,
    roundness: { type: 3 },
    seed: 1_000 + slot,
    version,
    versionNonce: Math.floor(Math.random() * 2 ** 31),
    isDeleted: false,
    boundElements: null,
    updated: Date.now(),
    link: null,
    locked: false,
    customData: { sentAt },
  };
}

/** Which of its peer's ELEMENTS_PER_PEER elements an element made by anElement is. */
export function slotOf(elementId) {
  return Number(elementId.slice(elementId.lastIndexOf('-') + 1));
}

/**
 * A cursor position. PointerUpdateSchema is strict (no extra fields), so the send time travels as
 * the x coordinate: ms since the run's epoch, a number like any other coordinate to the server.
 */
export function aPointer(peer, sentAt) {
  return {
    sessionId: peer.sessionId,
    pointer: { x: sentAt, y: 240 + (peer.cursor % 300), tool: 'pointer' },
    button: 'up',
    selectedElementIds: {},
  };
}
