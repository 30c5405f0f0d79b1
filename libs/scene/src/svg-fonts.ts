import { num, str, type Element } from './svg-markup';

/**
 * One file of a font as Excalidraw ships it (under @excalidraw/excalidraw's dist/prod/fonts/),
 * with the characters it covers: Excalidraw splits its fonts by script, so a board written in
 * English needs one 25 kB file of Excalifont, not all seven.
 */
export interface FontFaceFile {
  family: string;
  /** Path under Excalidraw's fonts folder. */
  file: string;
  /** A CSS unicode-range; absent when the file covers everything the font has. */
  unicodeRange?: string;
}

// Excalidraw 0.18's own ranges (its fonts' descriptors), so the browser picks the same file.
const GOOGLE_LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+2074,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const GOOGLE_LATIN_EXT =
  'U+0100-02AF,U+0304,U+0308,U+0329,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';

const faces = (family: string, files: [file: string, unicodeRange?: string][]): FontFaceFile[] =>
  files.map(([file, unicodeRange]) => ({ family, file, ...(unicodeRange ? { unicodeRange } : {}) }));

/** By Excalidraw's fontFamily id: the family the text is drawn in and the files that hold it. */
export const EXCALIDRAW_FONTS: ReadonlyMap<number, { family: string; faces: FontFaceFile[] }> = new Map(
  (
    [
      [1, 'Virgil', [['Virgil/Virgil-Regular.woff2']]],
      [
        5,
        'Excalifont',
        [
          [
            'Excalifont/Excalifont-Regular-a88b72a24fb54c9f94e3b5fdaa7481c9.woff2',
            'U+20-7e,U+a0-a3,U+a5-a6,U+a8-ab,U+ad-b1,U+b4,U+b6-b8,U+ba-ff,U+131,U+152-153,U+2bc,U+2c6,U+2da,U+2dc,U+304,U+308,U+2013-2014,U+2018-201a,U+201c-201e,U+2020,U+2022,U+2024-2026,U+2030,U+2039-203a,U+20ac,U+2122,U+2212',
          ],
          [
            'Excalifont/Excalifont-Regular-be310b9bcd4f1a43f571c46df7809174.woff2',
            'U+100-130,U+132-137,U+139-149,U+14c-151,U+154-17e,U+192,U+1fc-1ff,U+218-21b,U+237,U+1e80-1e85,U+1ef2-1ef3,U+2113',
          ],
          [
            'Excalifont/Excalifont-Regular-b9dcf9d2e50a1eaf42fc664b50a3fd0d.woff2',
            'U+400-45f,U+490-491,U+2116',
          ],
          [
            'Excalifont/Excalifont-Regular-41b173a47b57366892116a575a43e2b6.woff2',
            'U+37e,U+384-38a,U+38c,U+38e-393,U+395-3a1,U+3a3-3a8,U+3aa-3cf,U+3d7',
          ],
          [
            'Excalifont/Excalifont-Regular-3f2c5db56cc93c5a6873b1361d730c16.woff2',
            'U+2c7,U+2d8-2d9,U+2db,U+2dd,U+302,U+306-307,U+30a-30c,U+326-328,U+212e,U+2211,U+fb01-fb02',
          ],
          [
            'Excalifont/Excalifont-Regular-349fac6ca4700ffec595a7150a0d1e1d.woff2',
            'U+462-463,U+472-475,U+4d8-4d9,U+4e2-4e3,U+4e6-4e9,U+4ee-4ef',
          ],
          ['Excalifont/Excalifont-Regular-623ccf21b21ef6b3a0d87738f77eb071.woff2', 'U+300-301,U+303'],
        ],
      ],
      [
        6,
        'Nunito',
        [
          ['Nunito/Nunito-Regular-XRXI3I6Li01BKofiOc5wtlZ2di8HDIkhdTQ3j6zbXWjgeg.woff2', GOOGLE_LATIN],
          ['Nunito/Nunito-Regular-XRXI3I6Li01BKofiOc5wtlZ2di8HDIkhdTo3j6zbXWjgevT5.woff2', GOOGLE_LATIN_EXT],
        ],
      ],
      [
        7,
        'Lilita One',
        [
          ['Lilita/Lilita-Regular-i7dPIFZ9Zz-WBtRtedDbYEF8RXi4EwQ.woff2', GOOGLE_LATIN],
          ['Lilita/Lilita-Regular-i7dPIFZ9Zz-WBtRtedDbYE98RXi4EwSsbg.woff2', GOOGLE_LATIN_EXT],
        ],
      ],
      [
        8,
        'Comic Shanns',
        [
          [
            'ComicShanns/ComicShanns-Regular-279a7b317d12eb88de06167bd672b4b4.woff2',
            'U+20-7e,U+a1-a6,U+a8,U+ab-ac,U+af-b1,U+b4,U+b8,U+bb-bc,U+bf-cf,U+d1-d7,U+d9-de,U+e0-ef,U+f1-f7,U+f9-ff,U+131,U+152-153,U+2c6,U+2da,U+2dc,U+2013-2014,U+2018-201a,U+201c-201d,U+2020-2022,U+2026,U+2039-203a,U+2044,U+20ac,U+2191,U+2193,U+2212',
          ],
          [
            'ComicShanns/ComicShanns-Regular-fcb0fc02dcbee4c9846b3e2508668039.woff2',
            'U+100-10f,U+112-125,U+128-130,U+134-137,U+139-13c,U+141-148,U+14c-151,U+154-161,U+164-165,U+168-17f,U+1bf,U+1f7,U+218-21b,U+237,U+1e80-1e85,U+1ef2-1ef3,U+a75b',
          ],
        ],
      ],
      [3, 'Cascadia', [['Cascadia/CascadiaCode-Regular.woff2']]],
      [9, 'Liberation Sans', [['Liberation/LiberationSans-Regular.woff2']]],
    ] as [number, string, [string, string?][]][]
  ).map(([id, family, files]) => [id, { family, faces: faces(family, files) }]),
);

/** Whether `codePoint` lies in a CSS unicode-range such as "U+20-7e,U+a0". */
function inRange(codePoint: number, unicodeRange: string): boolean {
  return unicodeRange.split(',').some((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const low = parseInt(from!, 16);
    const high = to === undefined ? low : parseInt(to, 16);
    return codePoint >= low && codePoint <= high;
  });
}

/**
 * The font files a scene's text needs: for each family its text uses, only the files whose
 * ranges hold one of its characters. Families the viewer's system has (Helvetica) need none.
 */
export function fontFacesUsed(elements: readonly Element[]): FontFaceFile[] {
  const charactersByFamily = new Map<number, Set<number>>();
  for (const element of elements) {
    if (element.type !== 'text') continue;
    const font = num(element.fontFamily, 1);
    if (!EXCALIDRAW_FONTS.has(font)) continue;
    const characters = charactersByFamily.get(font) ?? new Set<number>();
    for (const character of str(element.text)) characters.add(character.codePointAt(0)!);
    charactersByFamily.set(font, characters);
  }
  return [...charactersByFamily].flatMap(([font, characters]) =>
    EXCALIDRAW_FONTS.get(font)!.faces.filter(
      (face) =>
        characters.size > 0 &&
        (face.unicodeRange === undefined ||
          [...characters].some((codePoint) => inRange(codePoint, face.unicodeRange!))),
    ),
  );
}

/**
 * An SVG `<style>` with one @font-face per file, the font inlined as base64: an SVG shown as an
 * image may load nothing from outside, so a font it does not carry falls back to a serif one.
 * `base64Of` gives a file's bytes (the caller reads them; this library touches no disk); files
 * it cannot give are left out, and their text falls back to the next family in its stack.
 */
export function fontFaceStyle(
  faces: readonly FontFaceFile[],
  base64Of: (file: string) => string | undefined,
): string {
  const rules = faces.flatMap((face) => {
    const data = base64Of(face.file);
    if (!data || !/^[A-Za-z0-9+/]+=*$/.test(data)) return [];
    const range = face.unicodeRange ? `unicode-range:${face.unicodeRange};` : '';
    return [
      `@font-face{font-family:"${face.family}";src:url(data:font/woff2;base64,${data}) format("woff2");${range}font-display:block}`,
    ];
  });
  return rules.length > 0 ? `<style>${rules.join('')}</style>` : '';
}
