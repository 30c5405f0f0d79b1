import { z } from 'zod';
import { SceneElementSchema } from './room';

/** Which copy of an element: enough to tell it from every other copy (Excalidraw's rule). */
export const CopyIdentitySchema = z.object({
  id: z.string().min(1).max(64),
  version: z.number().int(),
  versionNonce: z.number().int(),
});
export type CopyIdentity = z.infer<typeof CopyIdentitySchema>;

/**
 * Sent after the server refused an update for good (the session ended, the scene is full, the
 * element is too large): the refused copies and what the store holds of those elements. A refused
 * id absent from `stored` is one the store never had. Peers saw the refused copies relayed and
 * their merge keeps the higher version, so a plain scene:update of the older stored copy would
 * change nothing: a receiver replaces (or removes) its copy when it is the refused one or older,
 * and leaves a newer copy (a later edit, with its own fate) alone.
 */
export const SceneRestoreSchema = z.object({
  sessionId: z.uuid(),
  /** The round whose board the copies are on: a board of another round ignores it. */
  round: z.number().int().optional(),
  refused: z.array(CopyIdentitySchema),
  stored: z.array(SceneElementSchema),
});
export type SceneRestore = z.infer<typeof SceneRestoreSchema>;

/** The identities of the copies in a raw update, skipping entries that have none. */
export function copyIdentities(raw: readonly unknown[]): CopyIdentity[] {
  const identities: CopyIdentity[] = [];
  for (const candidate of raw) {
    const parsed = CopyIdentitySchema.safeParse(candidate);
    if (parsed.success) {
      const { id, version, versionNonce } = parsed.data;
      identities.push({ id, version, versionNonce });
    }
  }
  return identities;
}
