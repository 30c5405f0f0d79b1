import { incomingWins, type Versioned } from './element-version';

/** A stored copy as the planner sees it: the rule's fields and, when known, its stored size. */
export interface StoredCopy extends Versioned {
  /** Bytes of the copy's stored JSON (0 when unknown). */
  bytes?: number;
}

/** What the store knows of one scene before a batch is written into it. */
export interface StoredScene {
  /** Whether the scene may still change (its session is not over). */
  editable: boolean;
  /**
   * Live (not deleted) elements the scene holds. Only needed for scenes the batch may add live
   * elements to (see scenesGrownBy); for the others any number will do.
   */
  elementCount: number;
  /** The stored copies of the elements the batch touches, by id (only those the scene has). */
  copies: ReadonlyMap<string, StoredCopy>;
  /** Bytes of the scene's stored elements, tombstones included (0 when unknown). */
  sceneBytes?: number;
  /** Bytes of the scene's change log (0 when unknown). */
  logBytes?: number;
}

/** One client update: the changed elements of one scene, as they arrived. */
export interface SceneBatchUpdate<T extends Versioned> {
  sceneId: string;
  elements: readonly T[];
}

/** What one scene may hold. A bare number is the element cap alone (no byte budgets). */
export interface SceneLimits<T> {
  /** Live elements: tombstones do not count, or deleted work would block drawing forever. */
  maxElements: number;
  /** Bytes of the stored elements, tombstones included (they are stored). */
  maxSceneBytes: number;
  /** Bytes of the change log. */
  maxLogBytes: number;
  /** Bytes of an element's JSON as it will be stored. */
  sizeOf: (element: T) => number;
}

/**
 * A deletion may grow its element by this much (a longer version or nonce) and still pass a full
 * scene budget: otherwise a full board could not even be cleared. Bounded: one per live element.
 */
export const TOMBSTONE_SLACK_BYTES = 64;

export type SceneRefusal = 'scene_closed' | 'scene_full' | 'scene_budget' | 'log_budget';

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
  /** Per scene the batch changed: how many bytes its stored elements grew by (may be negative). */
  sceneBytes: Map<string, number>;
}

interface PlannedScene {
  editable: boolean;
  count: number;
  sceneBytes: number;
  logBytes: number;
  copies: Map<string, StoredCopy>;
}

/**
 * Decides a whole batch of updates at once, exactly as applying them one after another would:
 * each copy is merged by Excalidraw's rule against the stored copy or an earlier update's, an
 * update to a closed scene is refused, and so is one that would push its scene past a limit (live
 * elements, bytes of the scene, bytes of the log; see SceneLimits). A refused update changes
 * nothing. The store then needs one write for the winners and one for the log, whatever the
 * batch size.
 */
export function planSceneBatch<T extends Versioned>(
  updates: readonly SceneBatchUpdate<T>[],
  stored: ReadonlyMap<string, StoredScene>,
  limitsOrMaxElements: number | SceneLimits<T>,
): SceneBatchPlan<T> {
  const limits: SceneLimits<T> =
    typeof limitsOrMaxElements === 'number'
      ? { maxElements: limitsOrMaxElements, maxSceneBytes: Infinity, maxLogBytes: Infinity, sizeOf: () => 0 }
      : limitsOrMaxElements;
  const scenes = new Map<string, PlannedScene>();
  const sceneOf = (sceneId: string) => {
    let scene = scenes.get(sceneId);
    if (!scene) {
      const known = stored.get(sceneId);
      scene = {
        editable: known?.editable ?? false,
        count: known?.elementCount ?? 0,
        sceneBytes: known?.sceneBytes ?? 0,
        logBytes: known?.logBytes ?? 0,
        copies: new Map(known?.copies),
      };
      scenes.set(sceneId, scene);
    }
    return scene;
  };

  const log: SceneBatchPlan<T>['log'] = [];
  const winners = new Map<string, { sceneId: string; element: T }>();
  const sceneBytes = new Map<string, number>();
  const outcomes = updates.map((update): SceneUpdateOutcome<T> => {
    const scene = sceneOf(update.sceneId);
    if (!scene.editable) return { refused: 'scene_closed' };

    // Merged tentatively: a refused update must leave the scene as it was.
    const accepted = new Map<string, T>();
    const before = new Map<string, StoredCopy | undefined>();
    for (const element of update.elements) {
      const current = accepted.get(element.id) ?? scene.copies.get(element.id);
      if (!incomingWins(current, element)) continue;
      if (!before.has(element.id)) before.set(element.id, scene.copies.get(element.id));
      accepted.delete(element.id); // a later copy of the same id moves to the end
      accepted.set(element.id, element);
    }

    let liveDelta = 0;
    let bytesDelta = 0;
    let budgetGrowth = 0;
    let logGrowth = 0;
    const sizes = new Map<string, number>();
    for (const element of accepted.values()) {
      const previous = before.get(element.id);
      const size = limits.sizeOf(element);
      sizes.set(element.id, size);
      const wasLive = previous !== undefined && !previous.isDeleted;
      liveDelta += (element.isDeleted ? 0 : 1) - (wasLive ? 1 : 0);
      const growth = size - (previous?.bytes ?? 0);
      bytesDelta += growth;
      budgetGrowth += element.isDeleted && wasLive ? Math.max(0, growth - TOMBSTONE_SLACK_BYTES) : growth;
      logGrowth += size;
    }
    if (liveDelta > 0 && scene.count + liveDelta > limits.maxElements) return { refused: 'scene_full' };
    if (budgetGrowth > 0 && scene.sceneBytes + bytesDelta > limits.maxSceneBytes)
      return { refused: 'scene_budget' };
    if (logGrowth > 0 && scene.logBytes + logGrowth > limits.maxLogBytes) return { refused: 'log_budget' };

    scene.count += liveDelta;
    scene.sceneBytes += bytesDelta;
    // Counted before coalescing (which may replace older rows): near the cap this refuses a
    // little early rather than let a batch overshoot.
    scene.logBytes += logGrowth;
    if (accepted.size > 0) sceneBytes.set(update.sceneId, (sceneBytes.get(update.sceneId) ?? 0) + bytesDelta);
    const start = log.length;
    for (const element of accepted.values()) {
      const { id, version, versionNonce, isDeleted } = element;
      scene.copies.set(id, { id, version, versionNonce, isDeleted, bytes: sizes.get(id)! });
      log.push({ sceneId: update.sceneId, element });
      winners.set(`${update.sceneId}\u0000${id}`, { sceneId: update.sceneId, element });
    }
    return { accepted: [...accepted.values()], logRange: [start, log.length] };
  });
  return { outcomes, log, winners: [...winners.values()], sceneBytes };
}

/**
 * Each winner's log seq, in `plan.winners` order: that of its element's last log row, which holds
 * the winner itself. `logSeqs` are the log's sequence numbers in log order (after coalescing).
 */
export function winnerSeqs<T extends Versioned>(
  plan: SceneBatchPlan<T>,
  logSeqs: readonly number[],
): number[] {
  const latest = new Map<string, number>();
  plan.log.forEach(({ sceneId, element }, index) =>
    latest.set(`${sceneId}\u0000${element.id}`, logSeqs[index]!),
  );
  return plan.winners.map(({ sceneId, element }) => latest.get(`${sceneId}\u0000${element.id}`)!);
}

/**
 * The scenes an update of the batch may add a live element to (an id the scene does not hold yet,
 * or holds deleted, sent live): only their live-element count matters for the cap.
 */
export function scenesGrownBy(
  updates: readonly SceneBatchUpdate<Versioned>[],
  copies: (sceneId: string) => ReadonlyMap<string, Versioned> | undefined,
): string[] {
  const grown = new Set<string>();
  for (const update of updates) {
    const known = copies(update.sceneId);
    const addsLive = update.elements.some((element) => {
      if (element.isDeleted) return false;
      const stored = known?.get(element.id);
      return !stored || stored.isDeleted;
    });
    if (addsLive) grown.add(update.sceneId);
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
