import { ApiRequestError, isAbortError, toApiRequestError } from '../api/client';
import { getSceneFile, putSceneFile } from '../api/scene-files';
import { backoffDelays, retrying } from './backoff';
import { blobToDataURL, dataURLToBlob } from './data-url';
import type { BinaryFileData, BinaryFiles, DataURL, ExcalidrawImperativeAPI, FileId } from './excalidraw';

/** A network failure or a busy server: worth a few more tries, unlike a refusal. */
const UPLOAD_RETRY_DELAYS = backoffDelays(1_000, 4_000, 7_000);
/**
 * A peer's image element is relayed at once, its file only once their upload is through: a 404 is
 * "not yet" for about half a minute.
 */
const DOWNLOAD_RETRY_DELAYS = backoffDelays(500, 8_000, 30_000);

/** The raster types the server stores and serves (scene-files.service.ts); nothing else is shown. */
const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** What an element is, as far as its image goes (room elements and Excalidraw's both fit). */
interface MaybeImage {
  type: string;
  isDeleted: boolean;
  fileId?: unknown;
}

interface BoardFilesOptions {
  api: ExcalidrawImperativeAPI;
  sessionId: string;
  /** Told, in words for the user, that an image of theirs could not be stored for the room. */
  onUploadFailed: (message: string) => void;
}

/**
 * The images of one session's whiteboard, kept in step with the server: files that the local user
 * adds are uploaded once; files that arrive as a peer's (or the replay's) image elements are fetched
 * and handed to Excalidraw, which shows a placeholder until then.
 */
export class BoardFiles {
  /** Ids the server holds, is being sent, or refused: never sent (again). */
  private readonly shared = new Set<string>();
  /** Ids being fetched, so that one file is fetched once at a time. */
  private readonly fetching = new Set<string>();
  private readonly stop = new AbortController();

  constructor(private readonly options: BoardFilesOptions) {}

  /** Uploads every file that a live image element of `elements` uses and the server was not sent yet. */
  shareNewFiles(elements: readonly MaybeImage[], files: BinaryFiles): void {
    for (const fileId of imageFileIds(elements)) {
      const file = files[fileId];
      // Excalidraw adds the file a moment after the element: a later change brings it.
      if (!file || this.shared.has(fileId)) continue;
      this.shared.add(fileId);
      void this.upload(file);
    }
  }

  /** Fetches the files of the live image elements of `elements` that the board does not have yet. */
  loadMissingFiles(elements: readonly MaybeImage[]): void {
    const present = this.options.api.getFiles();
    for (const fileId of imageFileIds(elements)) {
      if (present[fileId] || this.fetching.has(fileId)) continue;
      this.fetching.add(fileId);
      void this.download(fileId);
    }
  }

  /** Stops every upload, download and wait in progress (the board is going away). */
  dispose(): void {
    this.stop.abort();
  }

  private async upload(file: BinaryFileData): Promise<void> {
    const { sessionId, onUploadFailed } = this.options;
    try {
      const bytes = dataURLToBlob(file.dataURL, file.mimeType);
      await retrying((signal) => putSceneFile(sessionId, file.id, bytes, signal), {
        delays: UPLOAD_RETRY_DELAYS,
        shouldRetry: isTransient,
        signal: this.stop.signal,
      });
    } catch (error) {
      if (isAbortError(error)) return;
      // Not retried: the same bytes would be refused again (too large, too many, wrong type, …).
      onUploadFailed(`Your image could not be shared with the room: ${toApiRequestError(error).message}`);
    }
  }

  private async download(fileId: string): Promise<void> {
    const { api, sessionId } = this.options;
    try {
      const blob = await retrying((signal) => getSceneFile(sessionId, fileId, signal), {
        delays: DOWNLOAD_RETRY_DELAYS,
        shouldRetry: (error) => isNotStoredYet(error) || isTransient(error),
        signal: this.stop.signal,
      });
      if (!IMAGE_TYPES.includes(blob.type)) return;
      const dataURL = (await blobToDataURL(blob)) as DataURL;
      if (this.stop.signal.aborted) return;
      this.shared.add(fileId);
      api.addFiles([
        {
          id: fileId as FileId,
          mimeType: blob.type as BinaryFileData['mimeType'],
          dataURL,
          created: Date.now(),
        },
      ]);
    } catch {
      // Given up (or stopped): Excalidraw keeps its placeholder; the element's next change tries again.
    } finally {
      this.fetching.delete(fileId);
    }
  }
}

function imageFileIds(elements: readonly MaybeImage[]): Set<string> {
  const ids = new Set<string>();
  for (const element of elements) {
    if (element.type !== 'image' || element.isDeleted) continue;
    if (typeof element.fileId === 'string' && element.fileId !== '') ids.add(element.fileId);
  }
  return ids;
}

const isNotStoredYet = (error: unknown) => error instanceof ApiRequestError && error.status === 404;

const isTransient = (error: unknown) =>
  error instanceof ApiRequestError && (error.status === 0 || error.status === 429 || error.status >= 500);
