import { fetchFromApi } from './client';

const path = (sessionId: string, fileId: string) =>
  `/sessions/${encodeURIComponent(sessionId)}/files/${encodeURIComponent(fileId)}`;

/**
 * Stores an image of the session's whiteboard: the raw bytes, typed by their MIME type. Storing an
 * id again is harmless (ids are content hashes, the server keeps the first copy).
 */
export async function putSceneFile(
  sessionId: string,
  fileId: string,
  bytes: Blob,
  signal?: AbortSignal,
): Promise<void> {
  await fetchFromApi(path(sessionId, fileId), {
    method: 'PUT',
    headers: { 'Content-Type': bytes.type },
    body: bytes,
    signal,
  });
}

/** An image of the session's whiteboard, typed by the server's Content-Type; 404 until it is stored. */
export async function getSceneFile(sessionId: string, fileId: string, signal?: AbortSignal): Promise<Blob> {
  const response = await fetchFromApi(path(sessionId, fileId), { signal });
  return response.blob();
}
