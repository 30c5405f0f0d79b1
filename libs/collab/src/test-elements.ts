import type { SceneElement } from '@mockboard/contracts';

let counter = 0;

/** A rectangle the room accepts, for the lib's specs. */
export function aRectangle(overrides: Partial<SceneElement> = {}): SceneElement {
  counter += 1;
  return {
    id: `rect-${counter}`,
    type: 'rectangle',
    x: 10 * counter,
    y: 20,
    width: 100,
    height: 60,
    angle: 0,
    strokeColor: '#1e1e1e',
    backgroundColor: 'transparent',
    version: 1,
    versionNonce: 1000 + counter,
    isDeleted: false,
    index: `a${counter}`,
    updated: 1_700_000_000_000,
    ...overrides,
  } as SceneElement;
}
