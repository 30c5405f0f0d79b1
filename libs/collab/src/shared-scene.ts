import { drawableOnly, toDrawable, type SceneElement } from '@mockboard/contracts';
import { mergeElements, restoreScene, type CopyRef } from '@mockboard/scene';
import type { CollabErrorBody } from './collab-error';
import { RelayedCopies } from './relayed-copies';
import { SceneOutbox } from './scene-outbox';
import { whyNotShareable } from './shareable';

/** Copies the board must put back as they are (`replaced`) or take off (`removed`). */
export interface TakeBack {
  replaced: SceneElement[];
  removed: string[];
}

/** What tells two copies of one element apart: Excalidraw bumps both on every edit. */
interface CopyStamp {
  version: number;
  versionNonce: number;
}

const sameCopy = (known: CopyStamp | undefined, copy: CopyStamp): boolean =>
  known !== undefined && known.version === copy.version && known.versionNonce === copy.versionNonce;

const nothingToTakeBack = (plan: TakeBack): boolean =>
  plan.replaced.length === 0 && plan.removed.length === 0;

/**
 * The shared scene as one client knows it, without a connection: the server's copies and local
 * edits merged by Excalidraw's rule (higher version wins; tie → lower versionNonce), the local
 * edits still on their way (`outbox`), and peers' relayed copies the store has not confirmed yet.
 * The client feeds it what the server says and sends what its outbox holds; the board asks it.
 */
export class SharedScene {
  readonly elements = new Map<string, SceneElement>();
  readonly outbox = new SceneOutbox();
  private readonly relayed = new RelayedCopies();
  /**
   * Local copies the scene did not take (not shareable here, or beaten by the scene's copy), with
   * the scene's copy at that moment: offered already, so not offered again until one of them changes.
   */
  private readonly declined = new Map<string, { copy: CopyStamp; over: SceneElement | undefined }>();

  /**
   * The elements of a board whose copy the scene has not seen: what the board has to send. A copy is
   * known by its version and versionNonce together, so a local edit that reaches the same version as
   * the scene's copy by another path is still offered (the merge rule then decides between them).
   */
  unsharedOf<T extends CopyStamp & { id: string }>(board: readonly T[]): T[] {
    return board.filter((element) => !sameCopy(this.knownCopy(element.id), element));
  }

  /**
   * Local edits: those that win go into the scene and the outbox. One the server would refuse is
   * reported to `onProblem` and never leaves; the board takes back the scene's copy of it.
   */
  offer(edits: readonly SceneElement[], onProblem: (problem: CollabErrorBody) => void): TakeBack | null {
    const valid: SceneElement[] = [];
    const unsendable: SceneElement[] = [];
    for (const element of edits) {
      const drawable = toDrawable(element);
      if (!drawable) {
        onProblem({ code: 'bad_request', message: `${element.type} elements are not shared in this room` });
        this.decline(element);
        continue;
      }
      const problem = whyNotShareable(drawable);
      if (problem) onProblem(problem);
      (problem ? unsendable : valid).push(drawable);
    }
    const takeBack = this.takeBack(unsendable);
    const accepted = mergeElements(this.elements, valid);
    for (const element of accepted) {
      // The copy just won against the scene, which holds any older pending copy: it replaces it.
      this.outbox.queue(element);
      this.relayed.forget(element.id);
      this.declined.delete(element.id);
    }
    const taken = new Set(accepted.map((element) => element.id));
    for (const element of valid) if (!taken.has(element.id)) this.decline(element);
    return takeBack;
  }

  /** A peer's copies relayed on `connection`: those that changed the scene. Only what a board draws. */
  receive(relayed: readonly SceneElement[], connection: number): SceneElement[] {
    const accepted = mergeElements(this.elements, drawableOnly(relayed));
    this.relayed.noteRelayed(accepted, connection);
    return accepted;
  }

  /**
   * A join answer (`whole`: the whole stored scene, else what changed since the last join): first
   * relayed copies the store never confirmed are settled against it (`settled`), then its copies
   * are merged in (`accepted`). Local pending copies that win are kept.
   */
  join(
    snapshot: readonly SceneElement[],
    whole: boolean,
    connection: number,
  ): { settled: TakeBack | null; accepted: SceneElement[] } {
    // Scenes stored before the element allow-list may hold iframes: they are never shown.
    const drawable = drawableOnly(snapshot);
    this.relayed.storeJoined(drawable, whole);
    const settled = this.relayed.settle(this.elements, this.outbox.pending, connection);
    const accepted = mergeElements(this.elements, drawable);
    return { settled: nothingToTakeBack(settled) ? null : settled, accepted };
  }

  /**
   * The server refused copies for good (scene:restore, sent before the refusal's ack): the scene
   * takes the stored copies back where it holds a refused copy or an older one, and our refused
   * copies stop being pending. Other copies of ours still pending (another tab's copy was refused)
   * and newer copies keep their own fate.
   */
  restore(refused: readonly CopyRef[], stored: readonly SceneElement[]): TakeBack | null {
    const drawable = drawableOnly(stored);
    this.outbox.drop(refused);
    this.relayed.storeRestored(drawable);
    const plan = restoreScene(this.elements, refused, drawable, this.outbox.pending);
    for (const element of plan.replaced) this.relayed.forget(element.id);
    for (const id of plan.removed) this.relayed.forget(id);
    return nothingToTakeBack(plan) ? null : plan;
  }

  private knownCopy(id: string): CopyStamp | undefined {
    const current = this.elements.get(id);
    const declined = this.declined.get(id);
    return declined && declined.over === current ? declined.copy : current;
  }

  private decline(element: SceneElement): void {
    const copy = { version: element.version, versionNonce: element.versionNonce };
    this.declined.set(element.id, { copy, over: this.elements.get(element.id) });
  }

  /**
   * An edit the server would refuse never leaves this client, and never stays on the board alone:
   * the board goes back to the last copy this client shared or received (or loses the element).
   */
  private takeBack(unsendable: readonly SceneElement[]): TakeBack | null {
    if (unsendable.length === 0) return null;
    const plan: TakeBack = { replaced: [], removed: [] };
    for (const { id } of unsendable) {
      this.declined.delete(id);
      const previous = this.elements.get(id);
      if (previous) plan.replaced.push(previous);
      else plan.removed.push(id);
    }
    return plan;
  }
}
