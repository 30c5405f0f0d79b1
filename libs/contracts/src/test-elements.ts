import type { SceneElement } from './room';

// Test data only: excluded from the lib's build (tsconfig) and not exported by its index. The lib
// specs import it by path, the API tests through test/support/room-client.ts.

let counter = 0;

/**
 * A rectangle the room accepts, with the fields it requires; a new element (id, nonce) at each call.
 * Overrides may break the shape on purpose (refusal tests), hence the loose type.
 */
export function aRectangle(overrides: Record<string, unknown> = {}): SceneElement {
  counter += 1;
  return {
    // Random parts keep ids and nonces unique across test files, each of which restarts the counter.
    id: `rect-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    type: 'rectangle',
    x: 10 * counter,
    y: 20,
    width: 100,
    height: 60,
    angle: 0,
    strokeColor: '#1e1e1e',
    backgroundColor: 'transparent',
    version: 1,
    versionNonce: Math.floor(Math.random() * 2 ** 31),
    isDeleted: false,
    index: `a${counter}`,
    updated: Date.now(),
    ...overrides,
  } as SceneElement;
}

/** A rectangle as Excalidraw 0.18 creates it (newElement): every field present, not only those the room requires. */
export function anExcalidrawRectangle(overrides: Record<string, unknown> = {}): SceneElement {
  return aRectangle({
    fillStyle: 'solid',
    strokeWidth: 2,
    strokeStyle: 'solid',
    roughness: 1,
    opacity: 100,
    groupIds: [],
    frameId: null,
    roundness: { type: 3 },
    seed: 42,
    boundElements: null,
    link: null,
    locked: false,
    ...overrides,
  });
}
