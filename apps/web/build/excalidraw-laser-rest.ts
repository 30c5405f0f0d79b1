import type { Plugin } from 'vite';

/**
 * Excalidraw 0.18 draws partners' laser pointers from a loop that asks the browser for an animation
 * frame on every frame for as long as the board is on screen (`LaserTrails.onFrame`), to read where
 * each collaborator's laser is. An idle room tab therefore rendered 60 frames a second: in headless
 * Chromium two idle room tabs kept 21–25 % of a core busy, against 7–8 % without the loop (measured
 * 7 Dec 2026), and on a laptop it keeps the page from ever resting.
 *
 * This build step changes that loop, in Excalidraw's own bundle, to rest while no partner's pointer
 * is a laser: it then looks again ten times a second with a timer, which renders nothing, and runs
 * frame by frame again as soon as a partner picks up the laser (or leaves, so their trail is
 * cleared). Only the loop's end changes; how trails are drawn is Excalidraw's. A bundle without the
 * code this expects (another Excalidraw version) fails the build, so an upgrade cannot drop it
 * silently: check whether the new version still needs it.
 */
const LOOK_AGAIN_MS = 100;

/** Excalidraw's bundles, as built for production and for development. */
const EXCALIDRAW_BUNDLE = /@excalidraw[\\/]excalidraw[\\/]dist[\\/](prod|dev)[\\/]index\.js$/;

const LOOP_STEP = /onFrame\(\)\s*\{\s*this\.updateCollabTrails\(\);?\s*\}/g;
const LOOP_STOP =
  /stop\(\)\s*\{\s*this\.animationFrameHandler\.stop\(this\)\s*[,;]\s*this\.localTrail\.stop\(\);?\s*\}/g;

// Appended to the bundle: declarations are hoisted, so the rest of it keeps its lines.
const RESTING = `
/* Mockboard: apps/web/build/excalidraw-laser-rest.ts */
function mockboardLaserTrailsWanted(trails) {
  const collaborators = trails.app.state.collaborators;
  for (const collaborator of collaborators.values())
    if (collaborator.pointer && collaborator.pointer.tool === "laser") return true;
  for (const key of trails.collabTrails.keys()) if (!collaborators.has(key)) return true;
  return false;
}
function mockboardRestLaserTrails(trails) {
  if (mockboardLaserTrailsWanted(trails)) return false;
  clearTimeout(trails.mockboardWake);
  const look = () => {
    if (!mockboardLaserTrailsWanted(trails)) {
      trails.mockboardWake = setTimeout(look, ${LOOK_AGAIN_MS});
      return;
    }
    trails.mockboardWake = undefined;
    trails.animationFrameHandler.start(trails);
  };
  trails.mockboardWake = setTimeout(look, ${LOOK_AGAIN_MS});
  return true;
}
`;

/**
 * Excalidraw's bundle with the laser loop resting while unused (see above). Returning true from
 * `onFrame` ends the loop (Excalidraw's AnimationFrameHandler); `start` runs it again; `stop` (the
 * board leaving the page) also ends the timer, so nothing wakes an unmounted board.
 */
export function restLaserTrailsWhenIdle(code: string): string {
  const steps = code.match(LOOP_STEP)?.length ?? 0;
  const stops = code.match(LOOP_STOP)?.length ?? 0;
  if (steps !== 1 || stops !== 1)
    throw new Error(
      `Excalidraw's LaserTrails is not as apps/web/build/excalidraw-laser-rest.ts expects ` +
        `(onFrame found ${steps} times, stop ${stops} times, once each expected): ` +
        'check whether this Excalidraw version still loops on every frame, then update or remove that step',
    );
  return (
    code
      .replace(LOOP_STEP, 'onFrame(){this.updateCollabTrails();return mockboardRestLaserTrails(this)}')
      .replace(
        LOOP_STOP,
        'stop(){clearTimeout(this.mockboardWake);this.mockboardWake=void 0;' +
          'this.animationFrameHandler.stop(this);this.localTrail.stop()}',
      ) + RESTING
  );
}

/**
 * The step as a plugin, for the build and for the development server's pre-bundling of
 * dependencies (which does not run the build's plugins).
 */
export function excalidrawLaserRest(): Plugin {
  return {
    name: 'mockboard:excalidraw-laser-rest',
    transform(code, id) {
      if (!EXCALIDRAW_BUNDLE.test(id)) return null;
      return { code: restLaserTrailsWhenIdle(code), map: null };
    },
  };
}
