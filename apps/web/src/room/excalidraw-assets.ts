// Imported before Excalidraw: it reads this when it loads a font. The build copies the package's
// fonts to /fonts/ (see vite.config.ts), so no request leaves our origin (the CSP expects that).
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
    /** For browser tests: the live elements of the whiteboard (or replay) on this page. */
    __mockboardScene?: () => readonly unknown[];
  }
}

window.EXCALIDRAW_ASSET_PATH = '/';

export {};
