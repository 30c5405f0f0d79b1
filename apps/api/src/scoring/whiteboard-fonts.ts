import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The fonts the whiteboard's text is drawn in, read from the copy that ships with
 * @excalidraw/excalidraw (a dependency of the web app, so present wherever the server runs):
 * the case study's SVG then looks like the board did. Each file is read once, on first use.
 */
export class WhiteboardFonts {
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly fontsDir: string | undefined = excalidrawFontsDir()) {}

  /** A file's bytes as base64, or undefined when it is missing (the text then falls back). */
  readonly base64Of = (file: string): string | undefined => {
    if (!this.cache.has(file)) this.cache.set(file, this.read(file));
    return this.cache.get(file);
  };

  private read(file: string): string | undefined {
    if (!this.fontsDir || file.includes('..')) return undefined;
    try {
      return readFileSync(join(this.fontsDir, file)).toString('base64');
    } catch {
      return undefined;
    }
  }
}

/** …/@excalidraw/excalidraw/dist/prod/fonts, found the way Node finds the package itself. */
function excalidrawFontsDir(): string | undefined {
  try {
    return join(dirname(require.resolve('@excalidraw/excalidraw')), 'fonts');
  } catch {
    return undefined;
  }
}
