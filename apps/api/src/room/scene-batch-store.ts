import { ROOM_LIMITS } from '@mockboard/contracts';
import {
  coalesceLog,
  planSceneBatch,
  scenesGrownBy,
  scenesNeedingVersion,
  seqsAfterCoalescing,
  versionsAfterLog,
  winnerSeqs,
  type LogCandidate,
  type LogWindow,
  type SceneBatchPlan,
  type SceneRefusal,
  type Versioned,
} from '@mockboard/scene';
import {
  currentRounds,
  elementCounts,
  lockScenes,
  storedCopies,
  versions,
  writeLog,
  writeWinners,
  type Queryable,
  type RunInTransaction,
} from './scene-batch.repository';
import { sceneKey } from './scene-key';

/**
 * A drag or a freehand stroke sends its element 10 times a second; the log keeps one version per
 * element, author and window of this length (the last), so a replay still shows the drawing grow.
 */
export const LOG_COALESCING_WINDOW_MS = 1_000;
/**
 * A big element's window is longer: one logged copy per this many bytes a second. A 3,000-point pen
 * stroke (89 KB) logged 7 MB with the 1 s window alone (apps/web/e2e/room-long-stroke.test.ts), so
 * a few long strokes would fill the log's budget and freeze the board; at 10 KB a second a stroke
 * drawn for two minutes logs ~1.2 MB and its replay still shows it grow (libs/scene spec).
 */
export const LOG_BYTES_PER_SECOND = 10_000;
/** The longest window any copy gets: how long a store remembers its last logged rows. */
const LONGEST_LOG_WINDOW_MS = Math.max(
  LOG_COALESCING_WINDOW_MS,
  (ROOM_LIMITS.maxElementBytes / LOG_BYTES_PER_SECOND) * 1_000,
);

/**
 * An element as the store needs it: the merge rule's fields and the JSON as sent. Plain data, so
 * a batch crosses to the writer thread as it is (structured clone), without the whole element.
 */
export interface BatchElement extends Versioned {
  json: string;
  /** UTF-8 bytes of `json`. */
  bytes: number;
}

/** One client update as the store writes it. */
export interface BatchUpdate {
  sessionId: string;
  /** The round whose board it was drawn on; absent: the session's current round. */
  round?: number;
  /** Who sent it (null: the server's own write, never coalesced in the log). */
  authorId: string | null;
  /** When it arrived (epoch ms): what log coalescing measures its window with. */
  at: number;
  elements: BatchElement[];
}

/** What became of one update of a batch. */
export type BatchOutcome =
  | { refused: SceneRefusal }
  /** Drawn on a round that has not started: that round has no board yet. */
  | { notStarted: number }
  | {
      /** The slots in the update's `elements` of the copies that won, in the order they were logged. */
      accepted: number[];
      /** The board's version after the update: the seq of its latest logged change. */
      version: number;
      /** The round whose board it was stored on. */
      round: number;
    };

/**
 * Writes a batch of scene updates in one transaction with a fixed handful of statements however
 * many updates it holds (lock, read, upsert, log; a count and a version read only when needed):
 * the decisions are made in memory by planSceneBatch. It remembers the log rows it wrote for a
 * while, to coalesce the next batches' copies of the same elements with them (coalesceLog); rows
 * written by another store (another instance) are simply not coalesced with its own.
 */
export class SceneBatchStore {
  /** The latest log row written per element, of the last window only (oldest first). */
  private readonly logWindows = new Map<string, LogWindow>();

  constructor(private readonly transaction: RunInTransaction) {}

  async write(batch: readonly BatchUpdate[]): Promise<BatchOutcome[]> {
    const { outcomes, windows } = await this.transaction((db) => this.writeIn(db, batch));
    this.rememberLogWindows(windows);
    return outcomes;
  }

  private async writeIn(
    db: Queryable,
    batch: readonly BatchUpdate[],
  ): Promise<{ outcomes: BatchOutcome[]; windows: [string, LogWindow][] }> {
    const sessionIds = [...new Set(batch.map((update) => update.sessionId))];
    const elementIds = [...new Set(batch.flatMap((update) => update.elements.map((element) => element.id)))];
    const sizeOf = (element: BatchElement) => element.bytes;
    const serialized = (copies: readonly { sceneId: string; element: BatchElement }[]) =>
      copies.map(({ sceneId, element }) => ({ sceneId, json: element.json, bytes: element.bytes }));

    await lockScenes(db, sessionIds);
    const current = await currentRounds(db, sessionIds);
    const rounds = batch.map((update) => update.round ?? current.get(update.sessionId) ?? 1);
    // A round that has not started has no board yet: such an update is refused, not planned.
    const early = batch.map((update, index) => rounds[index]! > (current.get(update.sessionId) ?? 1));
    const plannedAt = batch.flatMap((_, index) => (early[index] ? [] : [index]));
    const planned = plannedAt.map((index) => batch[index]!);
    const updates = planned.map((update, index) => ({
      sceneId: sceneKey(update.sessionId, rounds[plannedAt[index]!]!),
      elements: update.elements,
    }));
    const sceneIds = [...new Set(updates.map((update) => update.sceneId))];
    const found = await storedCopies(db, sceneIds, elementIds);
    const counts = await elementCounts(
      db,
      scenesGrownBy(updates, (id) => found.get(id)?.copies),
    );
    const stored = new Map(
      [...found].map(([id, scene]) => [id, { ...scene, elementCount: counts.get(id) ?? 0 }]),
    );
    const plan = planSceneBatch(updates, stored, {
      maxElements: ROOM_LIMITS.maxElementsPerScene,
      maxSceneBytes: ROOM_LIMITS.maxSceneBytes,
      maxLogBytes: ROOM_LIMITS.maxLogBytes,
      sizeOf,
    });
    const initial = await versions(db, scenesNeedingVersion(plan, updates));
    const candidates = logCandidates(plan, planned);
    const coalesced = coalesceLog(
      candidates,
      this.logWindows,
      LOG_COALESCING_WINDOW_MS,
      LOG_BYTES_PER_SECOND,
    );
    const written = await writeLog(
      db,
      serialized(plan.log.filter((_, index) => coalesced.keep[index])),
      coalesced.replacedSeqs,
      plan.sceneBytes,
    );
    const seqs = seqsAfterCoalescing(coalesced, written);
    // After the log: each stored element keeps the seq of its log row (see SceneRepository.load).
    const stampedSeqs = winnerSeqs(plan, seqs);
    await writeWinners(
      db,
      serialized(plan.winners).map((copy, index) => ({ ...copy, seq: stampedSeqs[index]! })),
    );
    const versionsAfter = versionsAfterLog(plan, updates, initial, seqs);
    const windows: [string, LogWindow][] = [];
    candidates.forEach((candidate, index) => {
      if (coalesced.keep[index] && candidate.authorId !== null)
        windows.push([
          candidate.key,
          { seq: seqs[index]!, authorId: candidate.authorId, startedAt: coalesced.startedAt[index]! },
        ]);
    });
    const plannedOutcomes = plan.outcomes.map((outcome, index): BatchOutcome => {
      if ('refused' in outcome) return { refused: outcome.refused };
      const slots = new Map(planned[index]!.elements.map((element, slot) => [element, slot]));
      return {
        accepted: outcome.accepted.map((element) => slots.get(element)!),
        version: versionsAfter[index]!,
        round: rounds[plannedAt[index]!]!,
      };
    });
    let next = 0;
    const outcomes = batch.map((_, index): BatchOutcome =>
      early[index] ? { notStarted: rounds[index]! } : plannedOutcomes[next++]!,
    );
    return { outcomes, windows };
  }

  private rememberLogWindows(windows: readonly [string, LogWindow][]): void {
    for (const [key, window] of windows) {
      this.logWindows.delete(key); // re-inserted last: the map stays ordered by time of writing
      this.logWindows.set(key, window);
    }
    const now = Date.now();
    for (const [key, window] of this.logWindows) {
      if (now - window.startedAt < LONGEST_LOG_WINDOW_MS) break;
      this.logWindows.delete(key);
    }
  }
}

/** Each logged copy of the plan with the author and arrival time of the update it came from. */
function logCandidates(plan: SceneBatchPlan<BatchElement>, batch: readonly BatchUpdate[]): LogCandidate[] {
  const candidates = new Array<LogCandidate>(plan.log.length);
  plan.outcomes.forEach((outcome, index) => {
    if ('refused' in outcome) return;
    const { authorId, at } = batch[index]!;
    for (let position = outcome.logRange[0]; position < outcome.logRange[1]; position += 1) {
      const { sceneId, element } = plan.log[position]!;
      candidates[position] = { key: `${sceneId}\u0000${element.id}`, authorId, at, bytes: element.bytes };
    }
  });
  return candidates;
}
