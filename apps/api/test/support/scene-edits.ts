import type { SceneElement } from '@mockboard/contracts';
import type { SeededRandom } from './seeded-random';

/** The edits a person makes on the board, each as the copies Excalidraw would send for it. */
export const EDIT_KINDS = ['create', 'move', 'multiMove', 'textEdit', 'delete', 'undoDelete'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

const SHAPE_TYPES = ['rectangle', 'ellipse', 'diamond', 'text', 'arrow', 'line', 'freedraw'] as const;
const COLOURS = ['#1e1e1e', '#e03131', '#2f9e44', '#1971c2', '#f08c00'];
const WORDS = ['cache', 'queue', 'shard', 'replica', 'gateway', 'worker', 'CDN', 'ключ', '键值', 'naïve'];

/**
 * Makes valid Excalidraw 0.18 elements and new copies of them from one seeded source, so a run's
 * edits can be replayed from its seed. Ids and `updated` stamps come from counters, not the clock.
 */
export class SceneEdits {
  private created = 0;
  private clock = 1_767_225_600_000;

  constructor(
    private readonly random: SeededRandom,
    private readonly idPrefix: string,
  ) {}

  /**
   * The copies one edit of `kind` makes from what a tab sees (`view`), or null when that tab has
   * nothing to apply it to (no live text to edit, no deleted element to bring back).
   */
  edit(kind: EditKind, view: ReadonlyMap<string, SceneElement>): SceneElement[] | null {
    const live = [...view.values()].filter((element) => !element.isDeleted);
    switch (kind) {
      case 'create':
        return [this.aShape()];
      case 'move': {
        const target = this.random.pick(live);
        return target ? [this.moved(target, this.offset(), this.offset())] : null;
      }
      case 'multiMove': {
        // Several selected elements dragged together: one delta, one send.
        const targets = this.random.sample(live, this.random.between(2, 5));
        if (targets.length < 2) return null;
        const [dx, dy] = [this.offset(), this.offset()];
        return targets.map((target) => this.moved(target, dx, dy));
      }
      case 'textEdit': {
        const target = this.random.pick(live.filter((element) => element.type === 'text'));
        if (!target) return null;
        const text = this.aText();
        return [this.copyOf(target, { text, originalText: text, width: text.length * 11 })];
      }
      case 'delete': {
        const target = this.random.pick(live);
        return target ? [this.copyOf(target, { isDeleted: true })] : null;
      }
      case 'undoDelete': {
        // Excalidraw's undo brings the element back under its own id, as a newer copy.
        const target = this.random.pick([...view.values()].filter((element) => element.isDeleted));
        return target ? [this.copyOf(target, { isDeleted: false })] : null;
      }
    }
  }

  /** A new copy of `element` as Excalidraw makes one: the changes, a higher version, a fresh nonce. */
  copyOf(element: SceneElement, changes: Record<string, unknown>): SceneElement {
    return {
      ...element,
      ...changes,
      version: element.version + 1,
      versionNonce: this.random.nonce(),
      updated: this.tick(),
    } as SceneElement;
  }

  private moved(element: SceneElement, dx: number, dy: number): SceneElement {
    return this.copyOf(element, { x: round(element.x + dx), y: round(element.y + dy) });
  }

  private aShape(): SceneElement {
    this.created += 1;
    const type = this.random.pick(SHAPE_TYPES)!;
    const width = round(20 + this.random.next() * 300);
    const height = round(20 + this.random.next() * 200);
    const base = {
      id: `${this.idPrefix}-${this.created}`,
      type,
      x: round(this.random.next() * 2_000 - 1_000),
      y: round(this.random.next() * 1_500 - 500),
      width,
      height,
      angle: 0,
      strokeColor: this.random.pick(COLOURS)!,
      backgroundColor: this.random.chance(0.7) ? 'transparent' : this.random.pick(COLOURS)!,
      fillStyle: 'solid',
      strokeWidth: 2,
      strokeStyle: 'solid',
      roughness: 1,
      opacity: 100,
      groupIds: [],
      frameId: null,
      index: `a${this.created.toString(36)}`,
      roundness: type === 'rectangle' ? { type: 3 } : null,
      seed: this.random.nonce(),
      version: 1,
      versionNonce: this.random.nonce(),
      isDeleted: false,
      boundElements: null,
      updated: this.tick(),
      link: null,
      locked: false,
    };
    switch (type) {
      case 'text': {
        const text = this.aText();
        return {
          ...base,
          text,
          originalText: text,
          fontSize: 20,
          fontFamily: 5,
          textAlign: 'left',
          verticalAlign: 'top',
          containerId: null,
          autoResize: true,
          lineHeight: 1.25,
        } as SceneElement;
      }
      case 'arrow':
      case 'line':
        return {
          ...base,
          points: [
            [0, 0],
            [width, height],
          ],
          lastCommittedPoint: null,
          startBinding: null,
          endBinding: null,
          startArrowhead: null,
          endArrowhead: type === 'arrow' ? 'arrow' : null,
          ...(type === 'arrow' ? { elbowed: false } : {}),
        } as SceneElement;
      case 'freedraw': {
        const points = Array.from({ length: this.random.between(5, 120) }, (_, i) => [
          round(i * 2.5),
          round(Math.sin(i / 4) * 20 + this.random.next() * 3),
        ]);
        return {
          ...base,
          points,
          pressures: [],
          simulatePressure: true,
          lastCommittedPoint: null,
        } as SceneElement;
      }
      default:
        return base as SceneElement;
    }
  }

  private aText(): string {
    const words = Array.from({ length: this.random.between(1, 6) }, () => this.random.pick(WORDS)!);
    return words.join(this.random.chance(0.2) ? '\n' : ' ');
  }

  private offset(): number {
    return round(this.random.next() * 200 - 100);
  }

  private tick(): number {
    this.clock += 1;
    return this.clock;
  }
}

/** Coordinates as Excalidraw keeps them after a drag: two decimals are plenty, and survive jsonb. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
