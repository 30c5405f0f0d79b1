/**
 * The bytes of a `data:` URL, typed `mimeType`. Decoded here rather than with `fetch(dataURL)`:
 * the app's CSP allows fetches to its own origin only (connect-src), not to data: URLs.
 */
export function dataURLToBlob(dataURL: string, mimeType: string): Blob {
  const comma = dataURL.indexOf(',');
  if (!dataURL.startsWith('data:') || comma < 0) throw new Error('Not a data: URL');
  const header = dataURL.slice('data:'.length, comma);
  const payload = dataURL.slice(comma + 1);
  const bytes = header.split(';').includes('base64')
    ? Uint8Array.from(atob(payload), (char) => char.charCodeAt(0))
    : new TextEncoder().encode(decodeURIComponent(payload));
  return new Blob([bytes], { type: mimeType });
}

/** A `data:` URL holding `blob`, typed as the blob is: what Excalidraw keeps for an image. */
export function blobToDataURL(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the image'));
    reader.readAsDataURL(blob);
  });
}
