import { EXCALIDRAW_FONTS } from '@mockboard/scene';
import { WhiteboardFonts } from './whiteboard-fonts';

describe('WhiteboardFonts', () => {
  it('finds every font file the SVG may embed in the installed Excalidraw (an upgrade that renames one fails here)', () => {
    const fonts = new WhiteboardFonts();
    for (const [, font] of EXCALIDRAW_FONTS) {
      for (const face of font.faces) {
        const data = fonts.base64Of(face.file);
        expect({ file: face.file, found: data !== undefined }).toEqual({ file: face.file, found: true });
        // Every woff2 file starts with the signature "wOF2".
        expect(Buffer.from(data!, 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2');
      }
    }
  });

  it('gives nothing for a missing file or a path that climbs out of the fonts folder', () => {
    const fonts = new WhiteboardFonts();
    expect(fonts.base64Of('Excalifont/no-such-file.woff2')).toBeUndefined();
    expect(fonts.base64Of('../package.json')).toBeUndefined();
  });
});
