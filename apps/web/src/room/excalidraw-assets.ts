// Imported before Excalidraw: it reads this when it loads a font. The build copies the package's
// fonts to /fonts/ (see vite.config.ts), so no request leaves our origin (the CSP expects that).
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
    /** For browser tests: the live elements of the whiteboard (or replay) on this page. */
    __mockboardScene?: () => readonly unknown[];
    /** For browser tests: the live elements of an earlier round's board, viewed from the room. */
    __mockboardPastBoard?: () => readonly unknown[];
    /** For browser tests: the ids of the image files loaded into that whiteboard. */
    __mockboardFiles?: () => readonly string[];
    /** For browser tests: what this page's whiteboard shows (scroll, zoom, size). */
    __mockboardView?: () => { scrollX: number; scrollY: number; zoom: number; width: number; height: number };
  }
}

window.EXCALIDRAW_ASSET_PATH = '/';

export {};
