import type { Socket } from 'socket.io-client';
import type { DataSource } from 'typeorm';
import type { JoinAck, ReplayResponse, SceneElement } from '@mockboard/contracts';
import { mergeElements } from '@mockboard/scene';
import request from 'supertest';
import type { SignedUpUser } from './factories';
import { call, connect } from './room-client';

/**
 * A raw socket that keeps the scene as a tab would: every relayed update from the moment it
 * connects, merged with what its joins return, by Excalidraw's rule.
 */
export interface SceneWatcher {
  socket: Socket;
  view: Map<string, SceneElement>;
  /** Joins (with `since` when given) and merges the answer's elements into `view`. */
  join(since?: number): Promise<JoinAck>;
}

export async function aSceneWatcher(
  url: string,
  user: SignedUpUser,
  sessionId: string,
): Promise<SceneWatcher> {
  const socket = await connect(url, user);
  const view = new Map<string, SceneElement>();
  socket.on('scene:update', (payload: { sessionId: string; elements: SceneElement[] }) => {
    if (payload.sessionId === sessionId) mergeElements(view, payload.elements);
  });
  return {
    socket,
    view,
    async join(since) {
      const ack = await call<JoinAck>(socket, 'session:join', {
        sessionId,
        ...(since === undefined ? {} : { since }),
      });
      if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
      mergeElements(view, ack.scene.elements);
      return ack;
    },
  };
}

/** What decides which copy wins, per element, sorted by id: two equal digests are the same scene. */
export function digest(elements: Iterable<SceneElement>) {
  return [...elements]
    .map(({ id, version, versionNonce, isDeleted }) => ({ id, version, versionNonce, isDeleted }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The scene's stored rows, read straight from the database. */
export async function storedScene(dataSource: DataSource, sessionId: string): Promise<SceneElement[]> {
  const rows: { data: SceneElement }[] = await dataSource.query(
    `SELECT data FROM scene_elements WHERE session_id = $1`,
    [sessionId],
  );
  return rows.map((row) => row.data);
}

/** Every entry of the session's replay log, page after page. */
export async function wholeReplay(url: string, user: SignedUpUser, sessionId: string) {
  const entries: ReplayResponse['entries'] = [];
  let after: string | null = '0';
  while (after !== null) {
    const page: ReplayResponse = (
      await request(url).get(`/api/sessions/${sessionId}/replay?after=${after}`).set(user.bearer).expect(200)
    ).body;
    entries.push(...page.entries);
    after = page.nextCursor;
  }
  return entries;
}

/** The scene the log's changes up to `version` build, folded in order. */
export function sceneAtVersion(entries: ReplayResponse['entries'], version: number): SceneElement[] {
  const scene = new Map<string, SceneElement>();
  for (const entry of entries)
    if (entry.kind === 'scene' && entry.element && entry.seq <= version)
      scene.set(entry.element.id, entry.element);
  return [...scene.values()];
}

/** Resolves once `check` resolves true, polling every 20 ms; false after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
