import type { Plugin } from 'vite';

/**
 * Excalidraw 0.18 draws partners' laser pointers from a loop that asks the browser for an animation
 * frame on every frame for as long as the board is on screen (`LaserTrails.onFrame`), to read where
 * each collaborator's laser is. An idle room tab therefore rendered 60 frames a second: in headless
 * Chromium two idle room tabs kept 21–34 % of a core busy, against 7–8 % with this step (measured
 * 7 Dec 2026, README's "An idle board renders nothing"), and on a laptop the page never rests.
 *
 * This build step changes that loop, in Excalidraw's own bundle, to rest while no partner's pointer
 * is a laser: it then looks again ten times a second with a timer, which renders nothing, and runs
 * frame by frame again within a tenth of a second of a partner picking up the laser. How trails are
 * drawn stays Excalidraw's. A bundle without the code this expects (another Excalidraw version)
 * fails the build, so an upgrade cannot drop the step silently: check whether the new version still
 * needs it.
 */
const LOOK_AGAIN_MS = 100;

/** Excalidraw's bundles, as built for production and for development. */
const EXCALIDRAW_BUNDLE = /@excalidraw[\\/]excalidraw[\\/]dist[\\/](prod|dev)[\\/]index\.js$/;

/** LaserTrails' `onFrame` and `stop` methods, minified or not. */
const ON_FRAME_METHOD = /onFrame\(\)\s*\{\s*this\.updateCollabTrails\(\);?\s*\}/g;
const STOP_METHOD =
  /stop\(\)\s*\{\s*this\.animationFrameHandler\.stop\(this\)\s*[,;]\s*this\.localTrail\.stop\(\);?\s*\}/g;

/**
 * Appended to the bundle (declarations are hoisted, so the rest of it keeps its lines). Each look
 * also tidies what Excalidraw left to its endless loop, or never did: the trail of a partner who
 * left (its loop skipped that clean-up once nobody was left on the board), and a partner's trail
 * whose end never arrived (cursors are coalesced and may be dropped, so the laser's release can be
 * lost when the tool changes right after it: the trail would then ask for frames forever).
 */
const RESTING_HELPERS_SOURCE = `
/* Mockboard: apps/web/build/excalidraw-laser-rest.ts */
function mockboardHoldsLaser(collaborator) {
  return !!collaborator.pointer && collaborator.pointer.tool === "laser";
}
function mockboardLaserInUse(trails) {
  for (const collaborator of trails.app.state.collaborators.values())
    if (mockboardHoldsLaser(collaborator)) return true;
  return false;
}
function mockboardTidyLaserTrails(trails) {
  const collaborators = trails.app.state.collaborators;
  for (const [key, trail] of trails.collabTrails) {
    const collaborator = collaborators.get(key);
    if (!collaborator) {
      trail.stop();
      trails.collabTrails.delete(key);
    } else if (trail.hasCurrentTrail && !mockboardHoldsLaser(collaborator)) {
      trail.endPath();
    }
  }
}
function mockboardRestLaserTrails(trails) {
  mockboardTidyLaserTrails(trails);
  if (mockboardLaserInUse(trails)) return false;
  clearTimeout(trails.mockboardWake);
  const lookAgain = () => {
    mockboardTidyLaserTrails(trails);
    if (!mockboardLaserInUse(trails)) {
      trails.mockboardWake = setTimeout(lookAgain, ${LOOK_AGAIN_MS});
      return;
    }
    trails.mockboardWake = undefined;
    trails.animationFrameHandler.start(trails);
  };
  trails.mockboardWake = setTimeout(lookAgain, ${LOOK_AGAIN_MS});
  return true;
}
`;

/**
 * Excalidraw's bundle with the laser loop resting while unused (see above). Returning true from
 * `onFrame` ends the loop (Excalidraw's AnimationFrameHandler); `start` runs it again; `stop` (the
 * board leaving the page) also ends the timer, so nothing wakes an unmounted board.
 */
export function restLaserTrailsWhenIdle(code: string): string {
  const steps = code.match(ON_FRAME_METHOD)?.length ?? 0;
  const stops = code.match(STOP_METHOD)?.length ?? 0;
  if (steps !== 1 || stops !== 1)
    throw new Error(
      `Excalidraw's LaserTrails is not as apps/web/build/excalidraw-laser-rest.ts expects ` +
        `(onFrame found ${steps} times, stop ${stops} times, once each expected): ` +
        'check whether this Excalidraw version still loops on every frame, then update or remove that step',
    );
  return (
    code
      .replace(ON_FRAME_METHOD, 'onFrame(){this.updateCollabTrails();return mockboardRestLaserTrails(this)}')
      .replace(
        STOP_METHOD,
        'stop(){clearTimeout(this.mockboardWake);this.mockboardWake=void 0;' +
          'this.animationFrameHandler.stop(this);this.localTrail.stop()}',
      ) + RESTING_HELPERS_SOURCE
  );
}

/**
 * The step as a plugin. vite.config.ts adds it to the build and to the development server's
 * pre-bundling of dependencies, which does not run the build's plugins: without it there,
 * `npm run dev` would serve the endless loop.
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
