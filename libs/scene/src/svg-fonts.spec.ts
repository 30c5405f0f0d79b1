import { sceneToSvg } from './scene-to-svg';
import { EXCALIDRAW_FONTS } from './svg-fonts';

function aText(text: string, fontFamily = 5): Record<string, unknown> {
  return {
    id: `t-${text}`,
    type: 'text',
    x: 0,
    y: 0,
    width: 200,
    height: 25,
    text,
    fontFamily,
    fontSize: 20,
  };
}
const aRectangle = { id: 'r', type: 'rectangle', x: 0, y: 0, width: 10, height: 10 };

/** A stand-in for the font files: the file's name, base64-encoded, so the test can see which. */
const fakeFont = (file: string): string => Buffer.from(file).toString('base64');
const embedded = (svg: string): string[] =>
  [...svg.matchAll(/base64,([A-Za-z0-9+/=]+)\)/g)].map((match) =>
    Buffer.from(match[1]!, 'base64').toString(),
  );

describe('fonts in the whiteboard SVG', () => {
  it('embeds Excalifont as an @font-face when the board has text in it, and only its Latin file for English', () => {
    const svg = sceneToSvg([aText('Cache in front of the DB')], { fontFile: fakeFont });
    expect(svg).toMatch(/<style>@font-face\{font-family:"Excalifont";src:url\(data:font\/woff2;base64,/);
    expect(svg).toContain('unicode-range:U+20-7e');
    expect(embedded(svg)).toEqual(['Excalifont/Excalifont-Regular-a88b72a24fb54c9f94e3b5fdaa7481c9.woff2']);
    // The text asks for the family the face declares.
    expect(svg).toContain('font-family="Excalifont, ');
  });

  it('adds the file of another script only when the text uses it', () => {
    const svg = sceneToSvg([aText('Кэш'), aText('queue')], { fontFile: fakeFont });
    expect(embedded(svg)).toEqual([
      'Excalifont/Excalifont-Regular-a88b72a24fb54c9f94e3b5fdaa7481c9.woff2',
      'Excalifont/Excalifont-Regular-b9dcf9d2e50a1eaf42fc664b50a3fd0d.woff2',
    ]);
  });

  it('embeds nothing without text, for system fonts, for deleted text or without font files', () => {
    expect(sceneToSvg([aRectangle], { fontFile: fakeFont })).not.toContain('@font-face');
    expect(sceneToSvg([aText('Helvetica', 2)], { fontFile: fakeFont })).not.toContain('@font-face');
    expect(sceneToSvg([{ ...aText('gone'), isDeleted: true }], { fontFile: fakeFont })).not.toContain(
      '@font-face',
    );
    expect(sceneToSvg([aText('no files')], { fontFile: () => undefined })).not.toContain('<style>');
    expect(sceneToSvg([aText('no option')])).not.toContain('<style>');
  });

  it('embeds each family the text uses once, the legacy Virgil and the code font included', () => {
    const svg = sceneToSvg([aText('a', 1), aText('b', 1), aText('c', 3), aText('d', 5)], {
      fontFile: fakeFont,
    });
    expect([...svg.matchAll(/font-family:"([^"]+)"/g)].map((match) => match[1])).toEqual([
      'Virgil',
      'Cascadia',
      'Excalifont',
    ]);
  });

  it('leaves out font data that is not plain base64, so nothing can break out of the style', () => {
    const svg = sceneToSvg([aText('x')], { fontFile: () => 'AAAA) } </style><script>alert(1)</script>' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('@font-face');
  });

  it('names a family for every font id whose text it embeds', () => {
    for (const [, font] of EXCALIDRAW_FONTS) {
      expect(font.faces.length).toBeGreaterThan(0);
      for (const face of font.faces) expect(face.family).toBe(font.family);
    }
  });
});
