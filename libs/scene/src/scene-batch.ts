import { incomingWins, type Versioned } from './element-version';

/** What the store knows of one scene before a batch is written into it. */
export interface StoredScene {
  /** Whether the scene may still change (its session is not over). */
  editable: boolean;
  /**
   * Elements the scene holds, deleted ones included. Only needed for scenes the batch adds
   * elements to (see scenesGrownBy); for the others any number will do.
   */
  elementCount: number;
  /** The stored copies of the elements the batch touches, by id (only those the scene has). */
  copies: ReadonlyMap<string, Versioned>;
}

/** One client update: the changed elements of one scene, as they arrived. */
export interface SceneBatchUpdate<T extends Versioned> {
  sceneId: string;
  elements: readonly T[];
}

export type SceneRefusal = 'scene_closed' | 'scene_full';

export type SceneUpdateOutcome<T> =
  | { refused: SceneRefusal }
  | {
      /** The copies that won against the scene (one per id, the last that won), in order. */
      accepted: T[];
      /** Where those copies sit in the batch's log, as [start, end) into `SceneBatchPlan.log`. */
      logRange: readonly [number, number];
    };

export interface SceneBatchPlan<T> {
  /** Per update, in submission order. */
  outcomes: SceneUpdateOutcome<T>[];
  /** Every accepted copy in the order the updates would have been applied one by one. */
  log: { sceneId: string; element: T }[];
  /** The final winner per scene and element id: what the stored scene must hold afterwards. */
  winners: { sceneId: string; element: T }[];
}

/**
 * Decides a whole batch of updates at once, exactly as applying them one after another would:
 * each copy is merged by Excalidraw's rule against the stored copy or an earlier update's, an
 * update to a closed scene is refused, and so is one that would push its scene past
 * `maxElementsPerScene`. The store then needs one write for the winners and one for the log,
 * whatever the batch size.
 */
export function planSceneBatch<T extends Versioned>(
  updates: readonly SceneBatchUpdate<T>[],
  stored: ReadonlyMap<string, StoredScene>,
  maxElementsPerScene: number,
): SceneBatchPlan<T> {
  const scenes = new Map<string, { editable: boolean; count: number; copies: Map<string, Versioned> }>();
  const sceneOf = (sceneId: string) => {
    let scene = scenes.get(sceneId);
    if (!scene) {
      const known = stored.get(sceneId);
      scene = {
        editable: known?.editable ?? false,
        count: known?.elementCount ?? 0,
        copies: new Map(known?.copies),
      };
      scenes.set(sceneId, scene);
    }
    return scene;
  };

  const log: SceneBatchPlan<T>['log'] = [];
  const winners = new Map<string, { sceneId: string; element: T }>();
  const outcomes = updates.map((update): SceneUpdateOutcome<T> => {
    const scene = sceneOf(update.sceneId);
    if (!scene.editable) return { refused: 'scene_closed' };
    const added = new Set(update.elements.map((element) => element.id).filter((id) => !scene.copies.has(id)));
    if (scene.count + added.size > maxElementsPerScene) return { refused: 'scene_full' };
    scene.count += added.size;

    const accepted = new Map<string, T>();
    for (const element of update.elements) {
      if (!incomingWins(scene.copies.get(element.id), element)) continue;
      scene.copies.set(element.id, element);
      accepted.delete(element.id); // a later copy of the same id moves to the end
      accepted.set(element.id, element);
    }
    const start = log.length;
    for (const element of accepted.values()) {
      log.push({ sceneId: update.sceneId, element });
      winners.set(`${update.sceneId}\u0000${element.id}`, { sceneId: update.sceneId, element });
    }
    return { accepted: [...accepted.values()], logRange: [start, log.length] };
  });
  return { outcomes, log, winners: [...winners.values()] };
}

/**
 * The scenes an update of the batch adds an element to (an id the scene does not hold yet): only
 * their element count matters for the cap, so only theirs needs counting.
 */
export function scenesGrownBy(
  updates: readonly SceneBatchUpdate<Versioned>[],
  copies: (sceneId: string) => ReadonlyMap<string, Versioned> | undefined,
): string[] {
  const grown = new Set<string>();
  for (const update of updates) {
    const known = copies(update.sceneId);
    if (update.elements.some((element) => !known?.has(element.id))) grown.add(update.sceneId);
  }
  return [...grown];
}

/**
 * The scenes whose current version an update needs because it changed nothing (its version is
 * then the scene's latest, which the batch's own log may not hold).
 */
export function scenesNeedingVersion<T>(
  plan: SceneBatchPlan<T>,
  updates: readonly { sceneId: string }[],
): string[] {
  const needed = new Set<string>();
  plan.outcomes.forEach((outcome, index) => {
    if ('accepted' in outcome && outcome.accepted.length === 0) needed.add(updates[index]!.sceneId);
  });
  return [...needed];
}

/**
 * Each update's resulting scene version, once the log was written and numbered: the sequence
 * number of its last logged copy, or, when it changed nothing, its scene's latest version at that
 * point of the batch. `logSeqs` are the log's sequence numbers in log order.
 */
export function versionsAfterLog<T>(
  plan: SceneBatchPlan<T>,
  updates: readonly { sceneId: string }[],
  /** The latest version before the batch of every scene in scenesNeedingVersion. */
  initialVersions: ReadonlyMap<string, number>,
  logSeqs: readonly number[],
): (number | null)[] {
  const latest = new Map(initialVersions);
  return plan.outcomes.map((outcome, index) => {
    if ('refused' in outcome) return null;
    const sceneId = updates[index]!.sceneId;
    const [start, end] = outcome.logRange;
    if (end > start) latest.set(sceneId, logSeqs[end - 1]!);
    return latest.get(sceneId) ?? 0;
  });
}
