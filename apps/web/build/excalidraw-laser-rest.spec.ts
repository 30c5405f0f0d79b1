import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { restLaserTrailsWhenIdle } from './excalidraw-laser-rest';

/**
 * Excalidraw's LaserTrails reduced to what the step touches, in the shape of its production bundle:
 * its `updateCollabTrails` does nothing once no collaborator is left, as Excalidraw's does.
 */
const LASER_TRAILS = `class LaserTrails {
  constructor(animationFrameHandler, app) {
    this.animationFrameHandler = animationFrameHandler;
    this.app = app;
    this.collabTrails = new Map();
    this.localTrail = { stop() {} };
    this.frames = 0;
  }
  stop(){this.animationFrameHandler.stop(this),this.localTrail.stop()}onFrame(){this.updateCollabTrails()}
  updateCollabTrails() { if (this.app.state.collaborators.size === 0) return; this.frames += 1; }
}`;

type Collaborators = Map<string, { pointer?: { tool: string } }>;

/** A partner's trail as Excalidraw's AnimatedTrail: drawing a path or not, running or stopped. */
function aTrail(drawing: boolean) {
  const trail = {
    hasCurrentTrail: drawing,
    stopped: false,
    endPath: () => (trail.hasCurrentTrail = false),
    stop: () => (trail.stopped = true),
  };
  return trail;
}

interface Trails {
  onFrame(): boolean | undefined;
  stop(): void;
  collabTrails: Map<string, ReturnType<typeof aTrail>>;
  frames: number;
}

/** The transformed class, with a frame handler that records when the loop is started again. */
function restingTrails(collaborators: Collaborators) {
  const LaserTrails = new Function(`${restLaserTrailsWhenIdle(LASER_TRAILS)}\nreturn LaserTrails;`)();
  const handler = {
    starts: 0,
    stops: 0,
    start: () => (handler.starts += 1),
    stop: () => (handler.stops += 1),
  };
  const trails = new LaserTrails(handler, { state: { collaborators } }) as Trails;
  return { trails, handler };
}

/** The transformed class with Ben on the board, his pointer a `tool`, and his trail (drawing or not). */
function withBen(tool: string, drawing: boolean) {
  const collaborators: Collaborators = new Map([['ben', { pointer: { tool } }]]);
  const { trails, handler } = restingTrails(collaborators);
  const bens = aTrail(drawing);
  trails.collabTrails.set('ben', bens);
  return { collaborators, trails, handler, bens };
}

describe("Excalidraw's laser loop rests while nobody holds a laser", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('ends the loop with no laser about, and starts it again once a partner picks one up', () => {
    const collaborators: Collaborators = new Map([['ben', { pointer: { tool: 'pointer' } }]]);
    const { trails, handler } = restingTrails(collaborators);

    expect(trails.onFrame()).toBe(true); // true ends Excalidraw's frame loop
    expect(trails.frames).toBe(1);
    jest.advanceTimersByTime(1_000);
    expect(handler.starts).toBe(0); // looked again ten times, rendered nothing

    collaborators.set('ben', { pointer: { tool: 'laser' } });
    jest.advanceTimersByTime(100);
    expect(handler.starts).toBe(1);
    expect(trails.onFrame()).toBe(false); // frame by frame while the laser is out
  });

  it('clears the trail of the last partner to leave, and rests', () => {
    const { collaborators, trails, handler, bens } = withBen('laser', true);
    expect(trails.onFrame()).toBe(false);
    expect(bens.hasCurrentTrail).toBe(true); // a stroke still being drawn is left alone
    expect(bens.stopped).toBe(false);

    collaborators.delete('ben'); // Excalidraw's own clean-up is skipped once nobody is left
    expect(trails.onFrame()).toBe(true);
    expect(bens.stopped).toBe(true);
    expect(trails.collabTrails.size).toBe(0);
    jest.advanceTimersByTime(1_000);
    expect(handler.starts).toBe(0);
  });

  it('clears the trail of a partner who leaves while the loop rests', () => {
    const { collaborators, trails, handler, bens } = withBen('pointer', false);
    expect(trails.onFrame()).toBe(true);
    expect(bens.stopped).toBe(false);

    collaborators.delete('ben');
    jest.advanceTimersByTime(100);
    expect(bens.stopped).toBe(true);
    expect(trails.collabTrails.size).toBe(0);
    expect(handler.starts).toBe(0);
  });

  it("ends a partner's trail whose release never arrived once their pointer is no laser", () => {
    const { trails, bens } = withBen('pointer', true);
    expect(trails.onFrame()).toBe(true);
    expect(bens.hasCurrentTrail).toBe(false);
  });

  it('stops looking when the board leaves the page', () => {
    const collaborators: Collaborators = new Map();
    const { trails, handler } = restingTrails(collaborators);
    trails.onFrame();
    trails.stop();
    collaborators.set('ben', { pointer: { tool: 'laser' } });
    jest.advanceTimersByTime(1_000);
    expect(handler.starts).toBe(0);
    expect(handler.stops).toBe(1);
  });

  it("finds the loop in the installed Excalidraw's production and development bundles", () => {
    const require = createRequire(__filename);
    const dist = dirname(dirname(require.resolve('@excalidraw/excalidraw')));
    for (const build of ['prod', 'dev']) {
      const changed = restLaserTrailsWhenIdle(readFileSync(join(dist, build, 'index.js'), 'utf8'));
      expect(changed).toContain('return mockboardRestLaserTrails(this)');
      expect(changed).toContain('clearTimeout(this.mockboardWake)');
    }
  });

  it('fails the build, saying what to check, when the bundle is not the expected one', () => {
    expect(() => restLaserTrailsWhenIdle('export const nothing = 1;')).toThrow(
      /LaserTrails is not as apps\/web\/build\/excalidraw-laser-rest\.ts expects \(onFrame found 0 times, stop 0 times/,
    );
  });
});
