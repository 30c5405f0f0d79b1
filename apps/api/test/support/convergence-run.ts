import type { DataSource } from 'typeorm';
import type { SceneElement } from '@mockboard/contracts';
import { mergeElements } from '@mockboard/scene';
import { signUp } from './factories';
import { aLiveSession } from './room-client';
import { firstDifference, type NamedScene } from './scene-comparison';
import { SceneEdits, type EditKind } from './scene-edits';
import { SeededRandom } from './seeded-random';
import { RoomTab, roomQuiet } from './room-tab';
import type { TestApp } from './test-app';

/** What one step of a run does; the weights say how often. */
const STEP_WEIGHTS = { edit: 62, rivalEdits: 10, cut: 6, cutAfterSend: 8, pause: 14 } as const;
type Step = keyof typeof STEP_WEIGHTS;
const EDIT_WEIGHTS: Record<EditKind, number> = {
  create: 26,
  move: 20,
  multiMove: 12,
  textEdit: 12,
  delete: 15,
  undoDelete: 15,
};
/**
 * Each cut makes a new socket, and a user may open 30 at once (SOCKET_CONNECT_RATE): two tabs at
 * this many cuts each, plus the fresh joiner, stay inside it however long the run.
 */
const MAX_CUTS_PER_TAB = 12;
const QUIET_MS = 200;
// A run with a dozen cuts settles within seconds; socket.io's reconnect backoff is 5 s at most.
const SETTLE_TIMEOUT_MS = 15_000;

export interface ConvergenceResult {
  /** The seed, op count and what the run did, for the failure message. */
  summary: string;
  /** Every way the scenes disagree; empty when the room converged. */
  differences: string[];
}

/**
 * One seeded run of the live room: a host and a guest with two tabs each make `ops` random steps
 * (every kind of edit, rival edits of one element from two tabs, connections cut at random and
 * right after a send), then every tab, a fresh joiner and the stored rows are compared, element
 * by element, with the stored rows and with every copy sent merged by Excalidraw's rule. The seed
 * fixes every random choice (step, tab, kind of edit, values, pauses); what a tab sees when it edits
 * depends on the network's real timing, so a replay repeats the run's shape, and often its failure,
 * not necessarily its exact interleaving.
 */
export async function convergenceRun(server: TestApp, seed: number, ops: number): Promise<ConvergenceResult> {
  const random = new SeededRandom(seed);
  const edits = new SceneEdits(random, `s${seed}`);
  const [host, guest] = await Promise.all([signUp(server.url), signUp(server.url)]);
  const sessionId = (await aLiveSession(server.url, host, guest)).id;
  const tabs = [
    new RoomTab('host tab 1', server.url, host, sessionId),
    new RoomTab('host tab 2', server.url, host, sessionId),
    new RoomTab('guest tab 1', server.url, guest, sessionId),
    new RoomTab('guest tab 2', server.url, guest, sessionId),
  ];
  const fresh = new RoomTab('a fresh joiner', server.url, host, sessionId);
  // Every copy any tab sent, merged by the rule: what everyone must end with.
  const everyCopy = new Map<string, SceneElement>();
  const counts: Record<string, number> = {};
  const send = (tab: RoomTab, copies: SceneElement[]) => {
    mergeElements(everyCopy, copies);
    tab.client.sendElements(copies);
  };

  try {
    await Promise.all(tabs.map((tab) => tab.client.connect()));
    for (let op = 0; op < ops; op += 1) {
      const step: Step = random.weighted(STEP_WEIGHTS);
      counts[step] = (counts[step] ?? 0) + 1;
      const tab = random.pick(tabs)!;
      if (step === 'edit' || step === 'cutAfterSend') {
        if (step === 'cutAfterSend' && tab.cuts < MAX_CUTS_PER_TAB)
          tab.cutAfterNextSend(random.chance(0.3) ? 0 : random.between(1, 15));
        const kind = random.weighted(EDIT_WEIGHTS);
        counts[kind] = (counts[kind] ?? 0) + 1;
        send(tab, edits.edit(kind, tab.client.scene) ?? edits.edit('create', tab.client.scene)!);
      } else if (step === 'rivalEdits') {
        rivalEdits(random, edits, tabs, send);
      } else if (step === 'cut' && tab.cuts < MAX_CUTS_PER_TAB) {
        tab.cut();
      }
      await new Promise((resolve) =>
        setTimeout(resolve, step === 'pause' ? random.between(20, 80) : random.int(15)),
      );
    }

    const summary = () =>
      `seed ${seed}, ${ops} ops (${Object.entries(counts)
        .map(([what, count]) => `${what} ${count}`)
        .join(', ')}; cuts ${tabs.map((tab) => tab.cuts).join('/')})`;
    // A room that never settles is a failure too; the scenes are still compared, to show what differs.
    const unsettled = await roomQuiet(tabs, QUIET_MS, SETTLE_TIMEOUT_MS).then(
      () => [],
      (error: Error) => [error.message],
    );
    await fresh.client.connect();

    const stored = await storedScene(server.dataSource, sessionId);
    const reference: NamedScene = { name: 'the stored rows', elements: stored.elements };
    const sides: NamedScene[] = [
      { name: 'every copy sent, merged', elements: everyCopy.values() },
      ...tabs.map((tab) => ({ name: tab.name, elements: tab.client.scene.values() })),
      { name: fresh.name, elements: fresh.client.scene.values() },
    ];
    const differences = [
      ...unsettled,
      ...stored.inconsistentRows,
      ...sides.map((side) => firstDifference(side, reference)).filter((found) => found !== null),
      ...[...tabs, fresh].flatMap((each) =>
        each.errors
          .filter((error) => error.code !== 'rate_limited')
          .map((error) => `${each.name} was told ${error.code}: ${error.message}`),
      ),
    ];
    return { summary: summary(), differences };
  } finally {
    for (const tab of [...tabs, fresh]) tab.close();
  }
}

/**
 * Two tabs edit one element at the same moment, each from its own view of it: the copies may
 * share a version, and then the lower versionNonce must win everywhere.
 */
function rivalEdits(
  random: SeededRandom,
  edits: SceneEdits,
  tabs: readonly RoomTab[],
  send: (tab: RoomTab, copies: SceneElement[]) => void,
): void {
  const [first, second] = random.sample(tabs, 2);
  const shared = [...first!.client.scene.values()].filter(
    (element) => !element.isDeleted && second!.client.scene.has(element.id),
  );
  const target = random.pick(shared);
  if (!target) return;
  for (const tab of [first!, second!]) {
    const own = tab.client.scene.get(target.id)!;
    send(tab, [edits.copyOf(own, { x: own.x + random.between(-50, 50) })]);
  }
}

/** The scene as stored, and any row whose columns disagree with its JSON. */
async function storedScene(
  dataSource: DataSource,
  sessionId: string,
): Promise<{ elements: SceneElement[]; inconsistentRows: string[] }> {
  const rows = (await dataSource.query(
    `SELECT element_id, version, version_nonce, is_deleted, data FROM scene_elements WHERE session_id = $1`,
    [sessionId],
  )) as {
    element_id: string;
    version: number;
    version_nonce: string;
    is_deleted: boolean;
    data: SceneElement;
  }[];
  const inconsistentRows = rows
    .filter(
      (row) =>
        row.element_id !== row.data.id ||
        row.version !== row.data.version ||
        Number(row.version_nonce) !== row.data.versionNonce ||
        row.is_deleted !== row.data.isDeleted,
    )
    .map((row) => `the stored row ${row.element_id} has columns that disagree with its JSON`);
  return { elements: rows.map((row) => row.data), inconsistentRows };
}
